"""French as an editor writes it, through the `french` template filters."""

import datetime
import zoneinfo

from django.template import Context, Template

import pytest

from core.templatetags.french import iso_date, long_date, long_datetime, plural_s

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2023, 6, 1), "1er juin 2023"),
        (datetime.date(2023, 6, 11), "11 juin 2023"),
        (datetime.date(2023, 6, 21), "21 juin 2023"),
        (datetime.date(2027, 1, 3), "3 janvier 2027"),
    ],
)
def test_long_dates(value, expected):
    assert long_date(value) == expected


def test_long_date_with_the_weekday():
    assert long_date(datetime.date(2023, 6, 1), True) == "jeudi 1er juin 2023"


def test_month_and_day_names_are_djangos_french_ones():
    """Written directly, they are those of Django's French translation, every month and day."""
    from django.utils import translation
    from django.utils.dateformat import format as date_format

    with translation.override("fr"):
        for day in range(0, 365, 3):
            value = datetime.date(2026, 1, 1) + datetime.timedelta(days=day)
            expected = date_format(value, "l j F Y")
            if value.day == 1:
                expected = expected.replace(" 1 ", " 1er ", 1)
            assert long_date(value, True) == expected


def test_iso_dates_are_the_local_day():
    assert iso_date(datetime.date(2023, 6, 1)) == "2023-06-01"
    assert iso_date(datetime.date(987, 12, 31)) == "0987-12-31"
    # 23:30 UTC on 31 May is already 1 June in Paris.
    assert iso_date(datetime.datetime(2023, 5, 31, 23, 30, tzinfo=datetime.UTC)) == "2023-06-01"
    assert iso_date(None) == ""
    template = Template("{% load french %}{{ day|iso_date }}|{{ day|date:'Y-m-d' }}")
    rendered = template.render(Context({"day": datetime.date(2024, 2, 29)}))
    assert rendered == "2024-02-29|2024-02-29"


def test_long_datetimes_are_local_and_typographic():
    # 12:05 UTC is 14 h 05 in Paris in summer.
    value = datetime.datetime(2023, 6, 1, 12, 5, tzinfo=datetime.UTC)
    assert long_datetime(value) == "1er juin 2023 à 14 h 05"
    assert long_datetime(value.astimezone(PARIS), True) == "jeudi 1er juin 2023 à 14 h 05"


@pytest.mark.parametrize(("count", "suffix"), [(0, ""), (1, ""), (2, "s"), (1500, "s")])
def test_zero_and_one_are_singular(count, suffix):
    assert plural_s(count) == suffix


def test_the_filters_in_a_template():
    rendered = Template(
        "{% load french %}{{ n }} résultat{{ n|plural_s }}, le {{ day|long_date }}"
    ).render(Context({"n": 0, "day": datetime.date(2024, 3, 1)}))
    assert rendered == "0 résultat, le 1er mars 2024"
