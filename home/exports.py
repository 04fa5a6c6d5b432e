"""Spreadsheet exports that a spreadsheet program cannot run (OWASP « CSV injection »).

An applicant's name or a feedback text starting with `=`, `+`, `-`, `@`, a tab or a carriage
return would be read as a formula when the CSV is opened; such cells get a leading quote.
XLSX cells are written as text by Wagtail already (formulas are turned back into strings).
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For an admin listing view with `list_export`: every CSV cell is inert text."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )
