"""The public site's demo content: members, page tree, news, portraits and site settings.

Every object is looked up first (sectors, categories, tags and organisations by name or slug,
images by title, singleton pages by type, other pages by slug under their parent) and created
only when missing. Nothing that exists is modified, so editors' changes survive a second run;
the only exceptions repair what a fresh Wagtail install leaves behind: the default site is moved
off Wagtail's welcome page, which is then deleted, and site settings that no editor has filled
in yet receive the demo values.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.models import Page, Revision, Site

from core.models import Sector
from home.models import HomePage, OpenDataPage, SiteSettings, StandardPage
from members.models import Organisation, PartnerDirectoryPage
from news.models import NewsCategory, NewsIndexPage, NewsPage, StoryIndexPage, StoryPage

from .data import news as news_data
from .data import organisations as organisation_data
from .data import pages as page_data
from .data import stories as story_data
from .media import CREDIT, DemoImageLibrary
from .streams import call_to_action, image, paragraph, quote, sections

SITE_NAME = "Limoges attractivité"
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
# Demo items appear published at this time of day, on their publication date.
PUBLICATION_TIME = datetime.time(9, 30)

SITE_SETTINGS = {
    "organisation_name": SITE_NAME,
    "address": "Limoges Métropole\n19 rue Bernard Palissy\n87031 Limoges Cedex 1",
    "email": page_data.CONTACT_EMAIL,
    # A number from the range the French regulator sets aside for fiction.
    "phone": "05 36 49 00 00",
    "linkedin_url": "https://www.linkedin.com/company/limoges-attractivite-exemple/",
    "facebook_url": "https://www.facebook.com/limoges.attractivite.exemple",
    "instagram_url": "https://www.instagram.com/limoges_attractivite_exemple/",
    "youtube_url": "https://www.youtube.com/@limoges-attractivite-exemple",
    "mastodon_url": "https://mastodon.social/@limoges_attractivite_exemple",
    "footer_text": (
        "Limoges attractivité est le réseau lancé le 1er juin 2023 par Limoges Métropole et la "
        "Ville de Limoges pour rassembler les partenaires publics et privés qui font rayonner "
        "le territoire."
    ),
    "publisher_name": "Limoges Métropole, pour le réseau Limoges attractivité",
    "publisher_address": "19 rue Bernard Palissy\n87031 Limoges Cedex 1",
    "publisher_phone": "05 36 49 00 00",
    "publication_director": "Le président de Limoges Métropole",
    "host_name": "Hébergeur de démonstration (à remplacer à la mise en ligne)",
    "host_address": "1 rue de l'Exemple\n87000 Limoges",
    "host_phone": "05 36 49 00 01",
    "photo_credits": "Illustrations et logos de démonstration : Limoges attractivité.",
    "accessibility_conformance": "partiellement",
    "accessibility_audit_date": datetime.date(2026, 11, 3),
    "accessibility_rate": 78.5,
    "accessibility_contact": page_data.CONTACT_EMAIL,
}
# The legal statements' pages, linked from the settings once the pages exist.
LEGAL_PAGE_SETTINGS = {
    "legal_notice_page": page_data.LEGAL_NOTICE_SLUG,
    "privacy_page": page_data.PRIVACY_SLUG,
    "accessibility_page": page_data.ACCESSIBILITY_SLUG,
}
# Fields that only an editor fills in: if all are blank, the settings row was created
# automatically (by a page render) and its blank fields may receive the demo values.
EDITOR_SETTINGS_FIELDS = (
    "email",
    "phone",
    "linkedin_url",
    "facebook_url",
    "instagram_url",
    "youtube_url",
    "mastodon_url",
    "footer_text",
)

CLUB_INVITATION = (
    "Rejoignez le club des partenaires",
    "Signez la charte de partenariat et participez à la dynamique d'attractivité du territoire.",
    "Découvrir le club",
)


def load_public_content(report):
    """Load the public site's demo content, recording what was created in `report`."""
    PublicDemoContent(report).load()


def published_moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, PUBLICATION_TIME))


class PublicDemoContent:
    """One run of the public demo content; steps run in dependency order."""

    def __init__(self, report):
        self.report = report
        self.images = DemoImageLibrary(report)
        self.links = {}
        self.tags = {}

    def load(self):
        sectors = self.load_sectors()
        organisations = self.load_organisations(sectors)
        home, home_created = self.ensure_home()
        site = self.ensure_default_site(home)
        self.load_page_tree(home)
        self.load_news(self.load_news_categories())
        stories = self.load_stories(organisations)
        if home_created:
            self.finish_home(home, stories)
        self.load_site_settings(site)
        self.remove_wagtail_welcome_page()

    # Members

    def load_sectors(self):
        sectors = {}
        for sector in organisation_data.SECTORS:
            existing = Sector.objects.filter(
                Q(name=sector.name) | Q(slug=slugify(sector.name))
            ).first()
            self.report.record("secteurs d'activité", created=existing is None)
            sectors[sector.name] = existing or Sector.objects.create(name=sector.name)
        return sectors

    def load_organisations(self, sectors):
        """Founding members then club partners, by name; returns them by demo name."""
        colours = {sector.name: sector.colour for sector in organisation_data.SECTORS}
        founding = [
            (data, Organisation.Kind.FOUNDING_MEMBER) for data in organisation_data.FOUNDING_MEMBERS
        ]
        club = [(data, Organisation.Kind.CLUB_PARTNER) for data in organisation_data.CLUB_PARTNERS]
        organisations = {}
        for data, kind in founding + club:
            existing = Organisation.objects.filter(
                Q(name=data.name) | Q(slug=slugify(data.name)[:255])
            ).first()
            self.report.record("organisations", created=existing is None)
            if existing is None:
                existing = Organisation.objects.create(
                    name=data.name,
                    kind=kind,
                    sector=sectors[data.sector],
                    logo=self.images.logo(data.name, data.mark, colours[data.sector]),
                    website=data.website,
                    description=data.description,
                    charter_signed_on=data.charter_signed_on,
                )
            organisations[data.name] = existing
        return organisations

    # Page tree

    def ensure_home(self):
        """The site's home page (there is only one), created under the tree root if missing."""
        home = HomePage.objects.first()
        self.report.record("pages", created=home is None)
        if home is not None:
            return home, False
        home = HomePage(
            **page_data.HOME,
            hero_image=self.images.hero("Visuel d'accueil – Limoges attractivité", "arches"),
        )
        Page.get_first_root_node().add_child(instance=home)
        # Published by finish_home, once the pages it points to exist.
        return home, True

    def ensure_default_site(self, home):
        """The default site, rooted on the home page unless it already has a home page."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=SITE_NAME,
            )
            self.report.note("Site par défaut créé et rattaché à la page d'accueil.")
        elif not issubclass(site.root_page.specific_class or Page, HomePage):
            site.root_page = home
            site.site_name = site.site_name or SITE_NAME
            site.save()
            self.report.note("Site par défaut rattaché à la page d'accueil.")
        return site

    def ensure_child(self, parent, model, fields, *, singleton=False):
        """The page of `model` with the slug in `fields` under `parent`, created if missing.

        A singleton page type is looked up by type anywhere in the tree, since a second one
        could not be created. Returns the page and whether this run created it.
        """
        if singleton:
            existing = model.objects.first()
        else:
            existing = parent.get_children().filter(slug=fields["slug"]).specific().first()
        self.report.record("pages", created=existing is None)
        if existing is not None:
            self.links[fields["slug"]] = existing
            return existing, False
        page = model(**fields)
        parent.add_child(instance=page)
        self.links[fields["slug"]] = page
        return page, True

    def load_page_tree(self, home):
        """The pages under home, in menu order; bodies are written once every target exists."""
        to_publish = []

        def add(parent, model, fields, body=None, *, in_menu, singleton=False):
            page, created = self.ensure_child(
                parent, model, {**fields, "show_in_menus": in_menu}, singleton=singleton
            )
            if created:
                to_publish.append((page, body))
            return page

        network_fields, network_body = page_data.NETWORK_PAGE
        network = add(home, StandardPage, network_fields, network_body, in_menu=True)
        for fields, body in page_data.NETWORK_PAGES:
            add(network, StandardPage, fields, body, in_menu=True)
        add(home, NewsIndexPage, page_data.NEWS_INDEX, in_menu=True, singleton=True)
        add(home, StoryIndexPage, page_data.STORY_INDEX, in_menu=True, singleton=True)
        add(home, PartnerDirectoryPage, page_data.DIRECTORY, in_menu=True, singleton=True)
        for fields, body in page_data.LEGAL_PAGES:
            add(home, StandardPage, fields, body, in_menu=False)
        add(
            home,
            OpenDataPage,
            {
                "title": "Données ouvertes",
                "slug": page_data.OPEN_DATA_SLUG,
                "introduction": (
                    "L'annuaire des partenaires et l'agenda public, en données ouvertes."
                ),
            },
            in_menu=False,
            singleton=True,
        )

        for page, body in to_publish:
            if body is not None:
                page.body = body(self.links)
            page.save_revision().publish()

    def finish_home(self, home, stories):
        """Point the new home page at the club page and three portraits, then publish it."""
        home.join_page = self.links[page_data.CLUB_SLUG]
        home.featured_stories.set(
            [stories[slug] for slug in story_data.FEATURED_STORY_SLUGS if slug in stories]
        )
        home.save_revision().publish()

    # News and portraits

    def load_news_categories(self):
        categories = {}
        for name, description in news_data.NEWS_CATEGORIES:
            existing = NewsCategory.objects.filter(Q(name=name) | Q(slug=slugify(name))).first()
            self.report.record("catégories d'actualité", created=existing is None)
            categories[name] = existing or NewsCategory.objects.create(
                name=name, description=description
            )
        return categories

    def news_body(self, item):
        illustration_motif, caption = item.illustration
        blocks = [paragraph(item.lead)]
        for index, section in enumerate(item.sections):
            blocks.extend(sections(section))
            if index == 0:
                blocks.append(image(self.images.illustration(illustration_motif), caption, CREDIT))
            if index == 1 and item.quote:
                blocks.append(quote(*item.quote))
        blocks.append(call_to_action(*CLUB_INVITATION, self.links[page_data.CLUB_SLUG]))
        return blocks

    def load_news(self, categories):
        index = self.links[page_data.NEWS_SLUG]
        existing_slugs = set(index.get_children().values_list("slug", flat=True))
        for item in news_data.NEWS:
            self.report.record("actualités", created=item.slug not in existing_slugs)
            if item.slug in existing_slugs:
                continue
            page = NewsPage(
                title=item.title,
                slug=item.slug,
                published_on=item.published_on,
                category=categories[item.category],
                summary=item.summary,
                listing_image=self.images.cover(item.title, item.motif),
                body=self.news_body(item),
            )
            # Tags live in memory until the page is saved, like in the page editor.
            page.tags.add(*(self.tag(name) for name in item.tags))
            index.add_child(instance=page)
            self.publish_on(page, item.published_on)

    def tag(self, name):
        """The tag called `name`, created with an ASCII slug if missing.

        Left to itself, taggit keeps accents in slugs ("conseil-stratégique"), which the news
        index's tag URLs (`<slug:tag>`) cannot match.
        """
        if name not in self.tags:
            slug = slugify(name)
            existing = Tag.objects.filter(Q(name__iexact=name) | Q(slug=slug)).first()
            self.report.record("étiquettes", created=existing is None)
            self.tags[name] = existing or Tag.objects.create(name=name, slug=slug)
        return self.tags[name]

    def load_stories(self, organisations):
        """The portraits, by slug (including those already in place)."""
        index = self.links[page_data.STORIES_SLUG]
        existing = {page.slug: page for page in StoryPage.objects.child_of(index)}
        stories = {}
        for item in story_data.STORIES:
            self.report.record("portraits", created=item.slug not in existing)
            if item.slug in existing:
                stories[item.slug] = existing[item.slug]
                continue
            organisation = organisations.get(item.organisation)
            page = StoryPage(
                title=item.title,
                slug=item.slug,
                published_on=item.published_on,
                person_name=item.person_name,
                person_role=item.person_role,
                organisation=organisation,
                sector=organisation.sector if organisation else None,
                portrait_image=self.images.portrait(item.person_name),
                pull_quote=item.pull_quote,
                summary=item.summary,
                body=[
                    paragraph(item.lead),
                    *sections(*item.sections),
                    call_to_action(*CLUB_INVITATION, self.links[page_data.CLUB_SLUG]),
                ],
            )
            index.add_child(instance=page)
            self.publish_on(page, item.published_on)
            stories[item.slug] = page
        return stories

    def publish_on(self, page, day):
        """Publish `page` and date its publication and revision to `day`, for realistic lists."""
        revision = page.save_revision()
        revision.publish()
        moment = min(published_moment(day), timezone.now())
        Page.objects.filter(pk=page.pk).update(
            first_published_at=moment,
            last_published_at=moment,
            latest_revision_created_at=moment,
        )
        Revision.objects.filter(pk=revision.pk).update(created_at=moment)

    # Site-wide

    def load_site_settings(self, site):
        site_settings = SiteSettings.objects.filter(site=site).first()
        if site_settings is None:
            SiteSettings.objects.create(site=site, **SITE_SETTINGS)
            self.report.record("paramètres du site", created=True)
        elif not any(getattr(site_settings, name) for name in EDITOR_SETTINGS_FIELDS):
            for name, value in SITE_SETTINGS.items():
                if not getattr(site_settings, name):
                    setattr(site_settings, name, value)
            site_settings.save()
            self.report.record("paramètres du site", created=True)
            self.report.note(
                "Paramètres du site vides : complétés avec les valeurs de démonstration."
            )
        else:
            self.report.record("paramètres du site", created=False)
        site_settings = SiteSettings.objects.get(site=site)
        missing_links = {
            name: self.links[slug]
            for name, slug in LEGAL_PAGE_SETTINGS.items()
            if getattr(site_settings, f"{name}_id") is None and slug in self.links
        }
        if missing_links:
            SiteSettings.objects.filter(pk=site_settings.pk).update(**missing_links)

    def remove_wagtail_welcome_page(self):
        """Delete Wagtail's initial welcome page, once no site uses it and it has no children."""
        welcome_pages = Page.objects.filter(
            depth=2,
            title=WAGTAIL_WELCOME_TITLE,
            content_type=ContentType.objects.get_for_model(Page),
            numchild=0,
        ).exclude(sites_rooted_here__isnull=False)
        for page in welcome_pages:
            page.delete()
            self.report.note("Page d'accueil par défaut de Wagtail supprimée.")
