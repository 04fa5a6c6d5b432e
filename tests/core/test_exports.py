"""Admin exports: a cell that a spreadsheet would run as a formula is neutralised, in CSV and
XLSX alike, and the files read in French, in the site's time zone."""

import csv
import datetime
import io
import re

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from core.exports import neutralise_formula
from core.roles import COMMS_MANAGERS
from members.models import MembershipApplication, StrategyFeedback
from tests.factories import OrganisationFactory, SectorFactory
from tests.members import member_factories as mf
from tests.members.test_applications import application_data

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://x";"clic")',
    "+33 1",
    "-2+3",
    "@SUM(A1)",
    "\tcmd",
    "\rcmd",
    "\ncmd",
    " =1+1",
    "＝1+1",
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝")

EXPORTS = {
    "organisations": "/admin/snippets/members/organisation/",
    "applications": "/admin/membership_applications/",
    "feedback": "/admin/strategy_feedback/",
}


@pytest.fixture
def editor_client(client, member_area):
    client.force_login(mf.member("redaction@example.org", COMMS_MANAGERS))
    return client


def read_csv(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def read_xlsx(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


@pytest.fixture
def hostile_rows(member_area, accounts):
    """An organisation, an application and a feedback for each formula-like value."""
    sector = SectorFactory(name="Industrie")
    for index, value in enumerate(HOSTILE):
        OrganisationFactory(name=value, slug=f"hostile-{index}")
        answers = application_data(sector)
        answers.pop("website")  # the honeypot, not a field
        MembershipApplication.objects.create(
            **{
                **answers,
                "sector": sector,
                "organisation_name": value,
                "contact_first_name": value,
                "email": f"a{index}@example.org",
                "charter_accepted": True,
                "data_consent": True,
            }
        )
        StrategyFeedback.objects.create(
            draft=member_area["draft"], author=accounts["council"], section=value, text=value
        )


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_cells_get_a_leading_quote(value):
    """Every value that starts like a formula is turned into text; others are untouched."""
    assert neutralise_formula(value) == "'" + value
    for harmless in ("Porcelaine", "a-b", "1 = 1", "", 42, None):
        assert neutralise_formula(harmless) == harmless


@pytest.mark.parametrize("name", list(EXPORTS))
def test_csv_injection_through_an_export_is_neutralised(editor_client, hostile_rows, name):
    """No exported CSV cell starts with a character that makes it a formula."""
    rows = read_csv(editor_client.get(EXPORTS[name] + "?export=csv"))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) > len(HOSTILE)
    assert not [cell for cell in cells if cell.lstrip(" ").startswith(TRIGGERS)]
    for value in HOSTILE:
        assert "'" + value in cells, value


@pytest.mark.parametrize("name", list(EXPORTS))
def test_xlsx_injection_through_an_export_is_neutralised(editor_client, hostile_rows, name):
    """The XLSX export still works; a formula-like value is a text cell that stays text."""
    sheet = read_xlsx(editor_client.get(EXPORTS[name] + "?export=xlsx"))
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    hostile = [cell for cell in cells if isinstance(cell.value, str) and cell.value in HOSTILE]
    # The value itself, unchanged (no visible quote), as text that editing cannot turn back.
    assert {cell.value for cell in hostile} >= set(HOSTILE) - {"\rcmd"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in hostile)


def test_exports_read_in_french_and_in_local_time(editor_client, hostile_rows):
    """Headings are French, the status is a word, times are those of Limoges, not UTC."""
    received = timezone.make_aware(datetime.datetime(2026, 7, 14, 21, 30))  # 19:30 UTC
    MembershipApplication.objects.update(submitted_at=received)
    rows = read_csv(editor_client.get(EXPORTS["applications"] + "?export=csv"))
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header == [
        "Nom de l'organisation",
        "Numéro SIRET",
        "Contact",
        "Adresse électronique",
        "Téléphone",
        "Statut",
        "Reçue le",
        "Décision le",
    ]
    assert first["Statut"] == "Nouvelle"
    assert first["Reçue le"] == "14/07/2026 21:30"
    sheet = read_xlsx(editor_client.get(EXPORTS["applications"] + "?export=xlsx"))
    assert sheet.cell(row=2, column=7).value == datetime.datetime(2026, 7, 14, 21, 30)
    organisations = read_csv(editor_client.get(EXPORTS["organisations"] + "?export=csv"))
    assert all(not re.search(r"[a-z]_[a-z]", heading) for heading in organisations[0])


def test_feedback_listing_and_export_headings_are_french(editor_client, hostile_rows):
    """Column headers read « Version » and « Organisation », not the attribute names."""
    html = editor_client.get("/admin/strategy_feedback/").content.decode()
    assert "Draft label" not in html and "Organisation name" not in html
    header = read_csv(editor_client.get("/admin/strategy_feedback/?export=csv"))[0]
    assert header[:2] == ["Version", "Auteur"]
