"""French typography on every page, never in markup, scripts or form fields."""

import pytest

from core.typography import NARROW_NBSP, NBSP, french_html, french_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Pourquoi ?", f"Pourquoi{NARROW_NBSP}?"),
        ("Attention !", f"Attention{NARROW_NBSP}!"),
        ("un ; deux", f"un{NARROW_NBSP}; deux"),
        ("Secteur : industrie", f"Secteur{NBSP}: industrie"),
        ("« Limoges »", f"«{NBSP}Limoges{NBSP}»"),
        ("l'équipe d'Aurore", "l’équipe d’Aurore"),
        ("l&#x27;équipe", "l’équipe"),
        ("https://example.org:8000/", "https://example.org:8000/"),
        ("14 h 05", "14 h 05"),
        ("'citation'", "'citation'"),
    ],
)
def test_french_text(typed, expected):
    assert french_text(typed) == expected


def test_markup_scripts_and_fields_are_left_alone():
    html = (
        '<p title="Pourquoi ?">Pourquoi ?</p><script>if (a ? b : c) {}</script>'
        "<textarea>Ce que j'ai tapé : ceci</textarea><pre>x : y</pre>"
    )
    assert french_html(html) == (
        f'<p title="Pourquoi ?">Pourquoi{NARROW_NBSP}?</p><script>if (a ? b : c) {{}}</script>'
        "<textarea>Ce que j'ai tapé : ceci</textarea><pre>x : y</pre>"
    )


def test_pages_are_set_in_french(client, public_site, settings):
    settings.FRENCH_TYPOGRAPHY = True
    body = client.get(public_site.directory.url).content.decode()
    assert "Secteur d’activité" in body
    assert "Secteur d'activité" not in body.split("<body", 1)[1]


def test_the_admin_is_left_to_wagtail(admin_client, settings):
    settings.FRENCH_TYPOGRAPHY = False
    untouched = admin_client.get("/admin/pages/").content.decode()
    settings.FRENCH_TYPOGRAPHY = True
    body = admin_client.get("/admin/pages/").content.decode()
    assert body.count("\u00a0") == untouched.count("\u00a0")
    assert body.count("’") == untouched.count("’")
