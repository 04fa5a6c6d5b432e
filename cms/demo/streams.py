"""Builders for StreamField content in its stored form, so demo bodies read like outlines."""

from django.utils.html import conditional_escape


def rich_text(*parts):
    """Rich text HTML from parts: a string is a paragraph, a list or tuple a bulleted list.

    Plain strings are escaped; markup built with `format_html` (to hold a link) is kept.
    """
    html = []
    for part in parts:
        if isinstance(part, list | tuple):
            items = "".join(f"<li>{conditional_escape(item)}</li>" for item in part)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{conditional_escape(part)}</p>")
    return "".join(html)


def paragraph(*parts):
    return {"type": "paragraph", "value": rich_text(*parts)}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def image(picture, caption="", credit=""):
    return {"type": "image", "value": {"image": picture.pk, "caption": caption, "credit": credit}}


def quote(text, author="", role=""):
    return {"type": "quote", "value": {"quote": text, "author": author, "role": role}}


def call_to_action(title, text, link_label, page):
    return {
        "type": "call_to_action",
        "value": {
            "title": title,
            "text": text,
            "link_label": link_label,
            "page": page.pk,
            "url": "",
        },
    }


def sections(*outline):
    """Body blocks from an outline: a (heading, parts) pair gives a heading and its paragraph."""
    blocks = []
    for title, parts in outline:
        blocks.append(heading(title))
        blocks.append(paragraph(*parts))
    return blocks
