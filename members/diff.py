"""Word-level comparison of two strategy drafts, block by block."""

import difflib
import re

from django.utils.html import strip_tags


def block_texts(stream):
    """The plain-text paragraphs of a body, in order, for a readable comparison."""
    texts = []
    for block in stream:
        value = block.value
        if block.block_type == "paragraph":
            html = value.source if hasattr(value, "source") else str(value)
            parts = re.split(r"</(?:p|li|h\d)>", html)
            texts.extend(strip_tags(part).strip() for part in parts)
        elif block.block_type == "heading":
            texts.append(value["text"])
        elif block.block_type == "quote":
            texts.append(value["quote"])
        elif block.block_type == "call_to_action":
            texts.append(f"{value['title']} {value['text']}".strip())
    return [text for text in texts if text]


def compare_texts(old, new):
    """Paragraph-level comparison with word-level detail: a list of (kind, parts)."""
    rows = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(("same", [("same", text)]) for text in new[b1:b2])
        elif op == "replace" and a2 - a1 == b2 - b1:
            for before, after in zip(old[a1:a2], new[b1:b2], strict=True):
                rows.append(("changed", compare_words(before, after)))
        else:
            rows.extend(("removed", [("removed", text)]) for text in old[a1:a2])
            rows.extend(("added", [("added", text)]) for text in new[b1:b2])
    return rows


def compare_words(before, after):
    words_a, words_b = before.split(), after.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(words_b[b1:b2])))
            continue
        if a2 > a1:
            parts.append(("removed", " ".join(words_a[a1:a2])))
        if b2 > b1:
            parts.append(("added", " ".join(words_b[b1:b2])))
    return parts
