"""Factories that build a valid page tree in one call, plus the snippets and people around it.

Singleton pages (home, news index, story index, directory) are fetched when they already
exist under their parent, so `NewsPageFactory()` twice gives two news items in one newsroom.
"""

import datetime
import io

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Collection, Locale, Page, PageViewRestriction, Site

import factory
import wagtail_factories

from cms.demo.indexing import indexing_batched
from core.models import Sector, SiteImage
from home.models import HomePage, StandardPage
from members.models import Organisation, PartnerDirectoryPage, User
from news.models import NewsCategory, NewsIndexPage, NewsPage, StoryIndexPage, StoryPage

TEST_PASSWORD = "mot-de-passe-de-test"  # noqa: S105


def paragraph(text):
    """Raw StreamField data for a body made of one paragraph."""
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def ensure_wagtail_root():
    """The tree root, root collection and default locale Wagtail's migrations create.

    Transactional tests flush the database, which removes this migration data; this
    puts it back so the next factory call has somewhere to build.
    """
    locale, _ = Locale.objects.get_or_create(language_code="fr")
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                content_type=ContentType.objects.get_for_model(Page),
                locale=locale,
            )
        )
    return root


def make_site_root(home):
    """Serve `home` at the default site's root and drop Wagtail's welcome page.

    The hostname is the test client's, so full URLs read http://testserver/...
    """
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.pk or site.hostname != "testserver":
        site.hostname = "testserver"
        site.port = 80
        site.site_name = "Limoges attractivité"
        site.root_page = home
        site.save()
    for other in Page.objects.filter(depth=2).exclude(pk=home.pk):
        other.delete()
    return site


def publish(page):
    """Publish the page as an editor would, so it gets revisions and publication dates."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_published_news(index, count, *, images, categories, tags, start=0):
    """Add `count` complete, live news under `index`, quickly.

    Each item goes through `add_child` (tree, tags, then search index) and is live with its
    publication dates set, but gets no revision: building hundreds takes seconds, not minutes.
    Images, categories and tag lists are used in turn.
    """
    now = timezone.now()
    created = []
    # The demo loader's batching: one bulk search indexing at the end instead of one per save.
    with indexing_batched():
        for number in range(start, start + count):
            created.append(_add_news(index, number, now, images, categories, tags))
    return created


def _add_news(index, number, now, images, categories, tags):
    page = NewsPage(
        title=f"Attractivité en série {number}",
        slug=f"attractivite-en-serie-{number}",
        published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
        category=categories[number % len(categories)],
        listing_image=images[number % len(images)],
        summary=f"Une actualité parmi beaucoup d'autres, numéro {number}.",
        body=paragraph("Les partenaires publics et privés se mobilisent."),
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    page.tags.add(*tags[number % len(tags)])
    return index.add_child(instance=page)


def restrict_to_logged_in(page):
    """Make the page (and everything under it) private to signed-in people."""
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def expire(page):
    """Let the page's expiry date pass, then run Wagtail's scheduler as the cron job does."""
    page.expire_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    page.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.expired and not page.live, "publish_scheduled left the page online"
    return page


class SiteImageFactory(wagtail_factories.ImageFactory):
    """A small JPEG in the root collection, described for screen readers."""

    class Meta:
        model = SiteImage

    title = factory.Sequence(lambda n: f"Vue de Limoges {n}")
    alt_text = factory.LazyAttribute(lambda o: f"Photographie : {o.title.lower()}")
    credit = "Ville de Limoges"
    collection = factory.LazyFunction(lambda: Collection.get_first_root_node())
    file = factory.django.ImageField(width=160, height=100, color="#1f5f8b")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("name",)

    name = factory.Iterator(["Industrie", "Santé", "Enseignement supérieur", "Tourisme"])
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Entreprise partenaire {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organisation.Kind.CLUB_PARTNER
    sector = factory.SubFactory(SectorFactory)
    logo = None
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.org/")
    description = factory.LazyAttribute(lambda o: f"{o.name} s'engage pour le territoire.")
    charter_signed_on = datetime.date(2023, 6, 1)
    show_in_directory = True

    class Params:
        founding = factory.Trait(kind=Organisation.Kind.FOUNDING_MEMBER)
        with_logo = factory.Trait(logo=factory.SubFactory(SiteImageFactory))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    username = factory.SelfAttribute("email")
    first_name = "Camille"
    last_name = "Martin"
    password = factory.django.Password(TEST_PASSWORD)

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Économie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = ""


def _publish_when_live(obj, create, extracted, **kwargs):
    # `published=False` keeps the page as built; fetched singletons are published already.
    if create and obj.live and extracted is not False and obj.live_revision_id is None:
        publish(obj)


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Pages are published through a revision, like an editor's « Publier »."""

    class Meta:
        abstract = True
        # Hooks save what they change themselves.
        skip_postgeneration_save = True

    published = factory.PostGeneration(_publish_when_live)


class HomePageFactory(PublishedPageFactory):
    """The home page under the tree root, served as the default site's root."""

    class Meta:
        model = HomePage
        django_get_or_create = ("parent", "slug")

    parent = factory.LazyFunction(ensure_wagtail_root)
    title = "Accueil"
    slug = "accueil"
    hero_title = "Limoges, une métropole qui attire"
    hero_text = "Le réseau des partenaires publics et privés qui font rayonner Limoges."
    body = "<p>Limoges Métropole et la Ville de Limoges initient le réseau.</p>"

    @factory.post_generation
    def site_root(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            make_site_root(obj)


class StandardPageFactory(PublishedPageFactory):
    class Meta:
        model = StandardPage

    parent = factory.SubFactory(HomePageFactory)
    title = factory.Sequence(lambda n: f"La charte de partenariat {n}")
    introduction = "Les engagements des membres du réseau."
    show_in_menus = True
    summary = factory.LazyAttribute(lambda o: f"Présentation : {o.title}.")
    body = factory.LazyFunction(
        lambda: paragraph("Les membres s'engagent sur la philosophie de la démarche.")
    )


class NewsIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = NewsIndexPage
        django_get_or_create = ("parent", "slug")

    parent = factory.SubFactory(HomePageFactory)
    title = "Actualités"
    slug = "actualites"
    introduction = "Les dernières nouvelles du réseau Limoges attractivité."
    show_in_menus = True


class NewsPageFactory(PublishedPageFactory):
    """A complete news item: summary, category, tags and a described listing image."""

    class Meta:
        model = NewsPage

    parent = factory.SubFactory(NewsIndexPageFactory)
    title = factory.Sequence(lambda n: f"Attractivité : une nouvelle étape {n}")
    published_on = factory.Sequence(lambda n: datetime.date(2024, 6, 1) - datetime.timedelta(n))
    category = factory.SubFactory(NewsCategoryFactory, name="Économie", slug="economie")
    summary = factory.LazyAttribute(lambda o: f"Résumé de l'actualité « {o.title} ».")
    listing_image = factory.SubFactory(SiteImageFactory)
    body = factory.LazyFunction(
        lambda: paragraph("Les partenaires publics et privés se mobilisent pour Limoges.")
    )

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.add(*extracted)
            obj.save()

    # Declared again so that it runs after `tags`: post-generation hooks run in declaration order.
    published = factory.PostGeneration(_publish_when_live)


class StoryIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = StoryIndexPage
        django_get_or_create = ("parent", "slug")

    parent = factory.SubFactory(HomePageFactory)
    title = "Portraits"
    slug = "portraits"
    introduction = "Celles et ceux qui font le territoire."
    show_in_menus = True


class StoryPageFactory(PublishedPageFactory):
    class Meta:
        model = StoryPage

    parent = factory.SubFactory(StoryIndexPageFactory)
    title = factory.Sequence(lambda n: f"Portrait d'une cheffe d'entreprise {n}")
    published_on = factory.Sequence(lambda n: datetime.date(2024, 5, 1) - datetime.timedelta(n))
    person_name = factory.Sequence(lambda n: f"Claire Dupont {n}")
    person_role = "Directrice générale"
    organisation = factory.SubFactory(OrganisationFactory)
    sector = factory.SelfAttribute("organisation.sector")
    portrait_image = factory.SubFactory(SiteImageFactory)
    pull_quote = "Limoges a tout pour attirer les talents."
    summary = factory.LazyAttribute(lambda o: f"Rencontre avec {o.person_name}.")
    body = factory.LazyFunction(
        lambda: paragraph("Son entreprise recrute et s'engage pour le territoire.")
    )


class PartnerDirectoryPageFactory(PublishedPageFactory):
    class Meta:
        model = PartnerDirectoryPage
        django_get_or_create = ("parent", "slug")

    parent = factory.SubFactory(HomePageFactory)
    title = "Annuaire des partenaires"
    slug = "partenaires"
    introduction = "Les membres fondateurs et les partenaires du club."
    show_in_menus = True
