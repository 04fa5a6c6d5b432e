"""schema.org data for search engines, serialised to sit safely inside a script element."""

import json

from django.utils.safestring import mark_safe


def json_ld_script(data):
    """`data` as JSON for `<script type="application/ld+json">`: the characters that could
    close the element or open a comment are escaped, so editors' text cannot break out."""
    return mark_safe(  # noqa: S308 - escaped just below
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
