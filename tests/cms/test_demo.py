"""`manage.py load_demo` fills a site with the network's content, once, and never in production."""

import io
import os
import subprocess  # noqa: S404 - runs our own manage.py
import sys
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command

from wagtail.models import Page, Site

import PIL.Image
import pytest

from core.models import SiteImage, SiteRendition
from home.models import HomePage
from members.models import Organisation
from news.models import NewsPage, StoryPage
from tests.support import module_transaction

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

REPO_ROOT = Path(__file__).resolve().parents[2]


def _one_pixel_png():
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (1, 1), "white").save(buffer, format="PNG")
    return buffer.getvalue()


ONE_PIXEL_PNG = _one_pixel_png()

# « Le Conseil Stratégique d'Attractivité de Limoges se compose d'une vingtaine de membres
# fondateurs, à savoir : » (announcement of 1 June 2023).
FOUNDING_MEMBERS = [
    "Limoges Métropole",
    "Ville de Limoges",
    "Chambre de commerce et d'industrie 87",
    "Chambre des métiers et de l'artisanat de la Haute-Vienne",
    "Chambre d'agriculture de la Haute-Vienne",
    "Cpmc 87",
    "Medef 87",
    "Legrand",
    "Catalent",
    "Picoty",
    "Weston",
    "Office de tourisme intercommunal de Limoges Métropole",
    "Délégation d'ESTER Technopole",
    "Université de Limoges",
    "CHU de Limoges",
    "Réseau com Limousin",
    "Parc du Reynou",
    "Pôle Alpha RLH",
    "Pôle céramique",
    "Le Gérontopôle",
]


def counts():
    return {
        "pages": Page.objects.count(),
        "news": NewsPage.objects.count(),
        "stories": StoryPage.objects.count(),
        "images": SiteImage.objects.count(),
        "organisations": Organisation.objects.count(),
    }


def stub_rendition_file(image, filter, *, source=None):
    return ContentFile(ONE_PIXEL_PNG, name=f"stub.{filter.spec.replace('|', '.')}.png")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module; counts right after the first run.

    Its renditions are 1-pixel PNGs: encoding some four hundred AVIF, WebP and JPEG files
    would take half a minute, and tests/home covers real renditions already.
    """
    with module_transaction(django_db_blocker), pytest.MonkeyPatch.context() as patch:
        patch.setattr(SiteImage, "generate_rendition_file", stub_rendition_file)
        call_command("load_demo", verbosity=0)
        yield counts()


def test_demo_fills_every_section(demo):
    """The demo has enough news and portraits to page through, and its images."""
    assert demo["news"] >= 24
    assert demo["stories"] >= 8
    assert demo["images"] > 0
    assert NewsPage.objects.live().public().count() >= 24
    assert StoryPage.objects.live().public().count() >= 8


def test_demo_names_the_twenty_founding_members(demo):
    """The council's twenty founding members are those of the announcement."""
    founders = Organisation.objects.filter(kind=Organisation.Kind.FOUNDING_MEMBER)
    assert sorted(founders.values_list("name", flat=True)) == sorted(FOUNDING_MEMBERS)


def test_demo_site_is_served_from_its_home_page(demo):
    """The default site is rooted on the demo home page; Wagtail's welcome page is gone."""
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()


def test_demo_loads_idempotently(demo):
    """Running the command a second time creates nothing and changes no count."""
    call_command("load_demo", verbosity=0)
    assert counts() == demo


@pytest.fixture
def stub_renditions(monkeypatch):
    """Renditions become a 1-pixel PNG: the demo's pages would otherwise spend half a minute
    encoding some two hundred AVIF, WebP and JPEG renditions, which tests/home covers already.
    """

    monkeypatch.setattr(SiteImage, "generate_rendition_file", stub_rendition_file)


def test_demo_pages_render(client, demo, stub_renditions):
    """The first demo page of each public type answers 200 with the demo's content."""
    site = Site.objects.get(is_default_site=True)
    pages = (
        site.root_page.get_descendants(inclusive=True)
        .live()
        .public()
        .not_type(*_member_page_types())
        .order_by("path")
    )
    first_of_each_type = {}
    for page in pages:
        first_of_each_type.setdefault(page.content_type_id, page)
    assert len(first_of_each_type) >= 7
    failures = {}
    for page in first_of_each_type.values():
        response = client.get(page.url)
        if response.status_code != 200:
            failures[page.url] = response.status_code
    assert failures == {}


def _member_page_types():
    from core.models import member_only_page_types

    return member_only_page_types()


def test_demo_refuses_production_settings(tmp_path):
    """With production settings the command stops, in French, unless --force is given."""
    database = tmp_path / "production.sqlite3"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 64,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "load_demo"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert "production" in result.stderr
    assert "--force" in result.stderr
    assert "Refus" in result.stderr
    assert not database.exists() or database.stat().st_size == 0


def test_demo_prepares_what_listings_show(client, demo, stub_renditions):
    """After load_demo, the first visit of a listing encodes no image: all were made."""
    before = SiteRendition.objects.count()
    site = Site.objects.get(is_default_site=True)
    for url in ("/", "/actualites/", "/portraits/", "/partenaires/"):
        assert client.get(site.root_page.url + url.lstrip("/")).status_code == 200, url
    assert SiteRendition.objects.count() == before
