import time
from tests import factories
from wagtail.models import Site, Page
def test_smoke(home_page):
    t=time.time()
    n = factories.NewsPageFactory(tags=["industrie", "emploi"])
    print("news", time.time()-t)
    t=time.time()
    for i in range(20):
        factories.NewsPageFactory(parent=n.get_parent().specific, listing_image=n.listing_image, category=n.category, tags=["industrie"])
    print("20 news", time.time()-t)
    s = factories.StoryPageFactory()
    o = factories.OrganisationFactory(founding=True)
    print(Page.objects.values_list("depth","title","live","url_path"))
    print(Site.objects.values_list("hostname","root_page__title","is_default_site"))
    print(list(n.tags.names()), n.live, n.last_published_at, n.revisions.count())
    print(factories.NewsPageFactory().get_full_url())
