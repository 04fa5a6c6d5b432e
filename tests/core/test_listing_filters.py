"""The options of listing filters, built in Python (core.templatetags.listing_filters)."""

from core.templatetags.listing_filters import select_options


def test_options_escape_labels_and_values_and_select_the_chosen_one():
    html = select_options([(1, "Caf\u00e9 & co"), (2, "<b>Gras</b>"), ('x"y', "Autre")], 2)
    assert html == (
        '<option value="1">Caf\u00e9 &amp; co</option>'
        '<option value="2" selected>&lt;b&gt;Gras&lt;/b&gt;</option>'
        '<option value="x&quot;y">Autre</option>'
    )


def test_without_a_choice_only_an_empty_value_is_selected():
    assert "selected" not in select_options([(1, "Un"), (2, "Deux")], None)
    assert select_options([(1, "Un"), ("", "Aucun")], None).endswith(
        '<option value="" selected>Aucun</option>'
    )
    assert select_options([], "1") == ""
