"""Admin exports: a cell that a spreadsheet would run as a formula is neutralised."""

import csv
import io

import pytest
from openpyxl import load_workbook

from members.models import MembershipApplication, StrategyFeedback
from members.roles import COMMS_MANAGERS
from tests.factories import OrganisationFactory, SectorFactory
from tests.members import member_factories as mf
from tests.members.test_applications import application_data

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x")', "+33 1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.fixture
def editor_client(client, member_area):
    client.force_login(mf.member("redaction@example.org", COMMS_MANAGERS))
    return client


def read_csv(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


@pytest.fixture
def hostile_rows(member_area, accounts):
    sector = SectorFactory(name="Industrie")
    for index, value in enumerate(HOSTILE):
        OrganisationFactory(name=value + f" {index}")
        answers = application_data(sector)
        answers.pop("website")  # the honeypot, not a field
        MembershipApplication.objects.create(
            **{
                **answers,
                "sector": sector,
                "organisation_name": value,
                "email": f"a{index}@example.org",
                "charter_accepted": True,
                "data_consent": True,
            }
        )
        StrategyFeedback.objects.create(
            draft=member_area["draft"], author=accounts["council"], text=value
        )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/members/organisation/?export=csv",
        "/admin/membership_applications/?export=csv",
        "/admin/strategy_feedback/?export=csv",
    ],
)
def test_csv_export_neutralises_formula_cells(editor_client, hostile_rows, url):
    """No exported CSV cell starts with a character that makes it a formula."""
    response = editor_client.get(url)
    assert response.status_code == 200
    rows = read_csv(response)
    cells = [cell for row in rows[1:] for cell in row]
    assert cells
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)


def test_xlsx_export_keeps_formulas_as_text(editor_client, hostile_rows):
    """The XLSX export still works, and a formula-like value is a text cell."""
    response = editor_client.get("/admin/strategy_feedback/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    formulas = [cell for cell in cells if cell.data_type == "f"]
    assert not formulas
    assert any(str(cell.value).startswith("=HYPERLINK") for cell in cells)


def test_feedback_listing_and_export_headings_are_french(editor_client, hostile_rows):
    """Column headers read « Version » and « Organisation », not the attribute names."""
    html = editor_client.get("/admin/strategy_feedback/").content.decode()
    assert "Draft label" not in html and "Organisation name" not in html
    header = read_csv(editor_client.get("/admin/strategy_feedback/?export=csv"))[0]
    assert header[:2] == ["Version", "Auteur"]
