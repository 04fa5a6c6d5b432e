"""Spreadsheet exports that a spreadsheet program cannot run (OWASP « CSV injection »).

An applicant's name or a feedback text starting with `=`, `+`, `-`, `@`, a tab or a line
break would be read as a formula when the CSV is opened; such cells get a leading quote.
XLSX cells are typed: Wagtail already writes a formula-like value as text, and the cell is
also marked « quote prefix » so that it stays text when someone edits it in the program.

Dates and times are written in the site's time zone (Wagtail writes UTC), the CSV ones the
French way, as the admin shows them.
"""

import datetime

from django.utils import timezone

from wagtail.admin.views.mixins import SpreadsheetExportMixin

CSV, XLSX = SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX
# Full-width forms too: some spreadsheet programs read them as their ASCII counterparts.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def looks_like_formula(value):
    # Leading spaces are skipped by some programs before they decide what a cell holds.
    return isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_TRIGGERS)


def neutralise_formula(value):
    """The CSV cell for `value`: a leading quote when a program would run it as a formula."""
    return "'" + value if looks_like_formula(value) else value


def local_datetime(value):
    return timezone.localtime(value) if timezone.is_aware(value) else value


class FormulaSafeExportMixin:
    """For an admin listing view with `list_export`: every exported cell is inert text.

    Goes before the Wagtail view in the bases; the one place every exported value passes
    through for both formats is `preprocess_field_value`, and XLSX cells are built by
    `generate_xlsx_row`.
    """

    custom_value_preprocess = {
        datetime.datetime: {
            CSV: lambda value: local_datetime(value).strftime("%d/%m/%Y %H:%M"),
            # Excel has no time zones: the local time, as editors read it everywhere else.
            XLSX: lambda value: local_datetime(value).replace(tzinfo=None),
        },
        datetime.date: {CSV: lambda value: value.strftime("%d/%m/%Y"), XLSX: None},
        datetime.time: {XLSX: None},
        list: SpreadsheetExportMixin.custom_value_preprocess[list],
    }

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if looks_like_formula(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell
