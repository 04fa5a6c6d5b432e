"""A tiny PDF writer for generated meeting documents (demo content and benchmarks)."""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
LINES_PER_PAGE = 48


def _escape(text):
    # PDF literal strings need backslashes and parentheses escaped; WinAnsi covers French.
    encoded = text.encode("cp1252", errors="replace").decode("latin-1")
    return encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_pdf(title, paragraphs):
    """A valid multi-page PDF 1.4 with a title and wrapped paragraphs in Helvetica."""
    lines = []
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(paragraph, 90) or [""])
        lines.append("")
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, max(len(lines), 1), LINES_PER_PAGE)]

    objects = []  # 1-based object bodies
    objects.append("<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(None)  # pages tree, filled once page object numbers are known
    objects.append(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects.append(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    page_numbers = []
    for number, page_lines in enumerate(pages):
        ops = ["BT"]
        y = PAGE_HEIGHT - 60
        if number == 0:
            ops.append(f"/F2 16 Tf 50 {y} Td ({_escape(title)}) Tj")
            ops.append("/F1 11 Tf 0 -28 Td")
        else:
            ops.append(f"/F1 11 Tf 50 {y} Td")
        for line in page_lines:
            ops.append(f"({_escape(line)}) Tj 0 -15 Td")
        ops.append("ET")
        stream = "\n".join(ops)
        objects.append(
            f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream"
        )
        content_number = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {content_number} 0 R >>"
        )
        page_numbers.append(len(objects))
    kids = " ".join(f"{n} 0 R" for n in page_numbers)
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_numbers)} >>"

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("latin-1")
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode("latin-1")
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R "
        f"/Info << /Title ({_escape(title)}) >> >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode("latin-1")
    return bytes(out)
