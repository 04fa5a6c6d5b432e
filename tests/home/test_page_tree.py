"""Where each page type may live, and that its editing forms open and save in the admin."""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from home.models import HomePage, OpenDataPage, StandardPage
from members.models import AgendaIndexPage, JoinClubPage, MemberAreaPage, PartnerDirectoryPage
from news.models import NewsIndexPage, NewsPage, StoryIndexPage, StoryPage
from tests import factories

PAGE_TYPES = [
    HomePage,
    StandardPage,
    NewsIndexPage,
    NewsPage,
    StoryIndexPage,
    StoryPage,
    PartnerDirectoryPage,
]


class TestPageTreeRules(WagtailPageTestCase):
    """The tree editors can build is the one the site map promises, no more."""

    def test_home_page_sits_at_the_tree_root(self):
        """The home page goes directly under Wagtail's root and nowhere else."""
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                NewsIndexPage,
                StoryIndexPage,
                AgendaIndexPage,
                PartnerDirectoryPage,
                JoinClubPage,
                MemberAreaPage,
                StandardPage,
                OpenDataPage,
            },
        )

    def test_standard_pages_nest_under_home_or_each_other(self):
        """Standard pages build sections of their own, and hold nothing else."""
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_news_live_in_the_newsroom_only(self):
        """News items are children of the news index, and have no children."""
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_stories_live_in_the_story_index_only(self):
        """Portraits are children of the story index, and have no children."""
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, set())

    def test_directory_is_a_leaf_under_home(self):
        """The partner directory hangs from the home page and holds no pages."""
        self.assertAllowedParentPageTypes(PartnerDirectoryPage, {HomePage})
        self.assertAllowedSubpageTypes(PartnerDirectoryPage, set())

    def test_misplaced_page_types_are_refused(self):
        """A news item under the home page or a portrait in the newsroom cannot be created."""
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(NewsIndexPage, StoryPage)
        self.assertCanNotCreateAt(StoryIndexPage, NewsPage)
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_singletons_allow_one_instance(self):
        """There is one home page, one newsroom, one story index and one directory."""
        for model in (HomePage, NewsIndexPage, StoryIndexPage, PartnerDirectoryPage):
            with self.subTest(model=model.__name__):
                self.assertEqual(model.max_count, 1)

    def test_every_page_type_names_its_template(self):
        """Each page type points at its template under templates/pages/."""
        for model in PAGE_TYPES:
            with self.subTest(model=model.__name__):
                self.assertTrue(model.template.startswith("pages/"), model.template)


class TestEditingForms(WagtailPageTestCase):
    """Editors can open the creation and edit forms of every page type."""

    @classmethod
    def setUpTestData(cls):
        cls.superuser = factories.UserFactory(email="editrice@example.org", superuser=True)
        cls.home = factories.HomePageFactory()

    def setUp(self):
        self.client.force_login(self.superuser)

    def add_url(self, model, parent):
        meta = model._meta
        return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])

    def test_creation_forms_render(self):
        """The « add » form of each page type opens under its allowed parent."""
        for model in (NewsIndexPage, StoryIndexPage, PartnerDirectoryPage, StandardPage):
            with self.subTest(model=model.__name__, parent="Accueil"):
                self.assertEqual(self.client.get(self.add_url(model, self.home)).status_code, 200)
        news_index = factories.NewsIndexPageFactory(parent=self.home)
        story_index = factories.StoryIndexPageFactory(parent=self.home)
        standard = factories.StandardPageFactory(parent=self.home)
        for model, parent in [
            (NewsPage, news_index),
            (StoryPage, story_index),
            (StandardPage, standard),
        ]:
            with self.subTest(model=model.__name__, parent=parent.title):
                self.assertEqual(self.client.get(self.add_url(model, parent)).status_code, 200)

    def test_singleton_creation_forms_render_until_one_exists(self):
        """The newsroom can be created once; afterwards its « add » form is refused."""
        url = self.add_url(NewsIndexPage, self.home)
        self.assertEqual(self.client.get(url).status_code, 200)
        factories.NewsIndexPageFactory(parent=self.home)
        self.assertNotEqual(self.client.get(url).status_code, 200)
        root = Page.get_first_root_node()
        self.assertNotEqual(self.client.get(self.add_url(HomePage, root)).status_code, 200)

    def test_edit_forms_render_and_save(self):
        """The edit form of each page type opens, and publishing it unchanged succeeds."""
        pages = [
            self.home,
            factories.StandardPageFactory(parent=self.home),
            factories.NewsIndexPageFactory(parent=self.home),
            factories.NewsPageFactory(tags=["industrie"]),
            factories.StoryIndexPageFactory(parent=self.home),
            factories.StoryPageFactory(),
            factories.PartnerDirectoryPageFactory(parent=self.home),
        ]
        self.assertEqual({type(page) for page in pages}, set(PAGE_TYPES))
        for page in pages:
            with self.subTest(model=type(page).__name__):
                url = reverse("wagtailadmin_pages:edit", args=[page.pk])
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
                if hasattr(page, "body") and not isinstance(page, HomePage):
                    # StreamField data is drawn by JavaScript, so it is not in the HTML form.
                    data.update(
                        nested_form_data(
                            {"body": streamfield([("paragraph", rich_text("<p>Texte revu.</p>"))])}
                        )
                    )
                data["action-publish"] = "action-publish"
                response = self.client.post(url, data)
                form = response.context.get("form") if response.status_code == 200 else None
                self.assertEqual(response.status_code, 302, form and form.errors)
                page.refresh_from_db()
                self.assertTrue(page.live)
                self.assertFalse(page.has_unpublished_changes)

    def test_edit_forms_pass_wagtail_editability_check(self):
        """Wagtail's own round trip (GET then POST of the rendered form) works on simple types."""
        pages = [
            self.home,
            factories.NewsIndexPageFactory(parent=self.home),
            factories.StoryIndexPageFactory(parent=self.home),
            factories.PartnerDirectoryPageFactory(parent=self.home),
        ]
        for page in pages:
            with self.subTest(model=type(page).__name__):
                self.assertPageIsEditable(page, user=self.superuser)
