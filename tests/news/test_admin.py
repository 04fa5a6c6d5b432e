"""Editors create news items through the admin; incomplete ones are refused in French."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from news.models import NewsIndexPage, NewsPage
from tests import factories


class TestNewsCreation(WagtailPageTestCase):
    """The news creation form publishes complete items and explains what is missing."""

    @classmethod
    def setUpTestData(cls):
        cls.superuser = factories.UserFactory(email="redaction@example.org", superuser=True)
        cls.news_index = factories.NewsIndexPageFactory()
        cls.category = factories.NewsCategoryFactory(name="Économie", slug="economie")
        cls.image = factories.SiteImageFactory(alt_text="La gare des Bénédictins au soleil")

    def setUp(self):
        self.client.force_login(self.superuser)

    def form_data(self, **overrides):
        data = {
            "title": "Signature de la charte d'attractivité",
            "slug": "signature-de-la-charte",
            "published_on": "01/06/2023",
            "category": str(self.category.pk),
            "tags": "charte, attractivité",
            "summary": "Vingt membres fondateurs signent la charte de partenariat.",
            "listing_image": str(self.image.pk),
            "body": streamfield(
                [("paragraph", rich_text("<p>Face à une concurrence grandissante…</p>"))]
            ),
            "comments": inline_formset([]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def post_new_news(self, data):
        url = reverse("wagtailadmin_pages:add", args=["news", "newspage", self.news_index.pk])
        return self.client.post(url, {**data, "action-publish": "action-publish"})

    def test_editor_publishes_a_complete_news_item(self):
        """A complete form publishes the item with its date, category, tags and image."""
        self.assertCanCreate(self.news_index, NewsPage, self.form_data())
        news = NewsPage.objects.get(slug="signature-de-la-charte")
        self.assertTrue(news.live)
        self.assertEqual(news.published_on, datetime.date(2023, 6, 1))
        self.assertEqual(news.category, self.category)
        self.assertEqual(set(news.tags.names()), {"charte", "attractivité"})
        self.assertEqual(news.listing_image, self.image)
        self.assertEqual(news.get_parent().specific, self.news_index)
        self.assertIsInstance(self.news_index, NewsIndexPage)

    def test_summary_is_required(self):
        """Without a summary the item is refused, with a French message on the field."""
        response = self.post_new_news(self.form_data(summary=""))
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Le résumé est obligatoire pour une actualité.",
            response.context["form"].errors.get("summary", []),
        )
        self.assertFalse(NewsPage.objects.exists())

    def test_listing_image_is_required(self):
        """Without a listing image the item is refused, with a French message on the field."""
        response = self.post_new_news(self.form_data(listing_image=""))
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Choisissez une image de liste.",
            response.context["form"].errors.get("listing_image", []),
        )
        self.assertFalse(NewsPage.objects.exists())

    def test_incomplete_draft_is_saved_without_summary_or_image(self):
        """A draft (or the autosave of a new page) may wait for its summary and image: 302."""
        url = reverse("wagtailadmin_pages:add", args=["news", "newspage", self.news_index.pk])
        response = self.client.post(url, self.form_data(summary="", listing_image=""))
        self.assertEqual(response.status_code, 302)
        draft = NewsPage.objects.get(slug="signature-de-la-charte")
        self.assertFalse(draft.live)
        # Submitting or publishing still asks for them.
        edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
        response = self.client.post(
            edit,
            {**self.form_data(summary="", listing_image=""), "action-publish": "action-publish"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("summary", response.context["form"].errors)
        self.assertFalse(NewsPage.objects.get(pk=draft.pk).live)

    def test_scheduled_news_is_dated_the_day_it_goes_live(self):
        """Editors see one date: a news item scheduled in three days is dated that day."""
        go_live = timezone.localtime() + datetime.timedelta(days=3)
        response = self.post_new_news(self.form_data(go_live_at=go_live.strftime("%d/%m/%Y %H:%M")))
        self.assertEqual(response.status_code, 302)
        news = NewsPage.objects.get(slug="signature-de-la-charte")
        self.assertFalse(news.live)
        revision = news.latest_revision.as_object()
        self.assertEqual(revision.published_on, go_live.date())
        self.assertIsNotNone(news.latest_revision.approved_go_live_at)

    def test_listing_image_needs_alt_text(self):
        """An image without alt text cannot illustrate a news item."""
        undescribed = factories.SiteImageFactory(alt_text="")
        response = self.post_new_news(self.form_data(listing_image=str(undescribed.pk)))
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors.get("listing_image", [])
        self.assertTrue(any("texte alternatif" in error for error in errors), errors)
        self.assertFalse(NewsPage.objects.exists())
