"""Pictures drawn with Pillow for the demo content: covers, illustrations, logos and portraits.

Nothing is downloaded: every picture is a composition of gradients and shapes, derived
deterministically from a text so that the same title always gives the same picture.
"""

import hashlib
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

COVER_SIZE = (1600, 1000)
HERO_SIZE = (2000, 900)
PORTRAIT_SIZE = (800, 800)
LOGO_SIZE = (640, 320)

WHITE = (255, 255, 255)

# Fonts with French accents, looked up in the usual places on Linux, macOS and Windows.
# Pillow's built-in font has no accented glyphs, so without one of these the text is folded
# to plain ASCII rather than drawn with missing-glyph boxes.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
    "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    "DejaVuSans-Bold.ttf",
    "arialbd.ttf",
)


@dataclass(frozen=True)
class Palette:
    """Two gradient colours and an accent, with the words the alt text uses for them."""

    description: str
    start: tuple[int, int, int]
    end: tuple[int, int, int]
    accent: tuple[int, int, int]


PALETTES = (
    Palette("bleu de Limoges et turquoise", (20, 46, 94), (34, 128, 150), (240, 196, 92)),
    Palette("rouge émail et orange", (122, 24, 38), (214, 98, 52), (250, 226, 180)),
    Palette("vert bocage et jaune", (28, 82, 56), (120, 160, 64), (246, 222, 110)),
    Palette("violet et rose", (58, 34, 98), (176, 72, 128), (250, 200, 210)),
    Palette("bleu nuit et cyan", (14, 30, 58), (30, 110, 170), (140, 220, 236)),
    Palette("brun kaolin et ocre", (88, 52, 30), (190, 132, 62), (246, 234, 210)),
)

# What each motif depicts, in the words of the alt text.
MOTIFS = {
    "waves": "des lignes ondulées qui évoquent la Vienne",
    "arches": "des arches de pont stylisées qui se reflètent dans l'eau",
    "network": "des points reliés entre eux comme les nœuds d'un réseau",
    "plates": "des cercles concentriques qui évoquent des assiettes de porcelaine",
    "skyline": "une silhouette stylisée de bâtiments sous un soleil",
    "stripes": "de larges bandes diagonales",
}


class Variation:
    """Deterministic numbers derived from a text: the same seed always draws the same picture."""

    def __init__(self, seed):
        self._seed = seed.encode()
        self._counter = 0
        self._buffer = b""

    def unit(self):
        """A number in [0, 1)."""
        if len(self._buffer) < 4:
            self._buffer += hashlib.sha256(self._seed + str(self._counter).encode()).digest()
            self._counter += 1
        chunk, self._buffer = self._buffer[:4], self._buffer[4:]
        return int.from_bytes(chunk, "big") / 2**32

    def between(self, low, high):
        return low + (high - low) * self.unit()

    def choice(self, options):
        return options[int(self.unit() * len(options))]


def palette_for(seed):
    return Variation(f"palette:{seed}").choice(PALETTES)


@lru_cache(maxsize=16)
def _font(size):
    """A bold font of `size` pixels, and whether text must be folded to ASCII for it."""
    for candidate in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(candidate, size), False
        except OSError:
            continue
    return ImageFont.load_default(size=size), True


def _prepare(text, needs_ascii):
    if not needs_ascii:
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


# French punctuation stays on the line of the word before it (or after it, for «).
NO_BREAK = {
    " :": "\u00a0:",
    " ;": "\u00a0;",
    " ?": "\u00a0?",
    " !": "\u00a0!",
    "« ": "«\u00a0",
    " »": "\u00a0»",
}


def _wrap(draw, text, font, max_width):
    """Greedy word wrap to a pixel width that never strands French punctuation."""
    for breaking, joined in NO_BREAK.items():
        text = text.replace(breaking, joined)
    lines, current = [], ""
    for word in text.split(" "):
        attempt = f"{current} {word}".strip()
        if current and draw.textlength(attempt, font=font) > max_width:
            lines.append(current)
            current = word
        else:
            current = attempt
    if current:
        lines.append(current)
    return lines


def _fit(draw, text, max_width, max_lines, start_size, min_size):
    """The largest font size (down to `min_size`) at which `text` fits in `max_lines` lines."""
    size = start_size
    while True:
        font, needs_ascii = _font(size)
        prepared = _prepare(text, needs_ascii)
        lines = _wrap(draw, prepared, font, max_width)
        fits = len(lines) <= max_lines and all(
            draw.textlength(line, font=font) <= max_width for line in lines
        )
        if fits or size <= min_size:
            return font, lines[:max_lines]
        size -= 4


def _gradient(size, start, end):
    """A diagonal gradient from `start` (top left) to `end` (bottom right)."""
    # Drawn small and enlarged: a smooth gradient loses nothing, and it is much faster.
    small = (max(size[0] // 8, 1), max(size[1] // 8, 1))
    vertical = Image.linear_gradient("L").resize(small)
    horizontal = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize(small)
    mask = Image.blend(vertical, horizontal, 0.5)
    gradient = Image.composite(Image.new("RGB", small, end), Image.new("RGB", small, start), mask)
    return gradient.resize(size, Image.Resampling.BILINEAR)


def _with_alpha(colour, alpha):
    return (*colour, alpha)


def _draw_waves(draw, size, palette, variation):
    width, height = size
    for row in range(6):
        baseline = height * (0.3 + row * 0.1)
        amplitude = variation.between(height * 0.02, height * 0.06)
        period = variation.between(width * 0.25, width * 0.5)
        phase = variation.between(0, math.tau)
        points = [
            (x, baseline + amplitude * math.sin(x / period * math.tau + phase))
            for x in range(-20, width + 40, 20)
        ]
        colour = palette.accent if row % 2 else WHITE
        draw.line(points, fill=_with_alpha(colour, 90 + row * 20), width=10, joint="curve")


def _draw_arches(draw, size, palette, variation):
    width, height = size
    waterline = height * 0.58
    count = 5
    span = width / count
    deck = waterline - height * 0.22
    draw.rectangle((0, deck - 24, width, deck), fill=_with_alpha(WHITE, 200))
    for index in range(count):
        left = index * span + span * 0.08
        right = (index + 1) * span - span * 0.08
        rise = variation.between(height * 0.16, height * 0.2)
        box = (left, waterline - rise, right, waterline + rise)
        draw.arc(box, 180, 360, fill=_with_alpha(WHITE, 220), width=22)
        draw.arc(box, 0, 180, fill=_with_alpha(WHITE, 70), width=14)
        draw.rectangle((right, deck, right + span * 0.16, waterline), fill=_with_alpha(WHITE, 200))
    for row in range(5):
        y = waterline + height * (0.05 + row * 0.07)
        draw.line((0, y, width, y), fill=_with_alpha(palette.accent, 60), width=4)


def _draw_network(draw, size, palette, variation):
    width, height = size
    nodes = [
        (
            variation.between(width * 0.08, width * 0.92),
            variation.between(height * 0.1, height * 0.7),
        )
        for _ in range(16)
    ]
    for x, y in nodes:
        nearest = sorted(nodes, key=lambda other: (other[0] - x) ** 2 + (other[1] - y) ** 2)[1:3]
        for other in nearest:
            draw.line((x, y, *other), fill=_with_alpha(WHITE, 120), width=5)
    for index, (x, y) in enumerate(nodes):
        radius = variation.between(14, 34)
        colour = palette.accent if index % 3 == 0 else WHITE
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=_with_alpha(colour, 230)
        )


def _draw_plates(draw, size, palette, variation):
    width, height = size
    for _ in range(4):
        cx, cy = variation.between(0, width), variation.between(0, height * 0.7)
        outer = variation.between(height * 0.18, height * 0.38)
        for ring in range(5):
            radius = outer * (1 - ring * 0.17)
            colour = palette.accent if ring % 2 else WHITE
            draw.ellipse(
                (cx - radius, cy - radius, cx + radius, cy + radius),
                outline=_with_alpha(colour, 170 - ring * 20),
                width=8,
            )


def _draw_skyline(draw, size, palette, variation):
    width, height = size
    sun = height * 0.14
    sx, sy = width * variation.between(0.6, 0.85), height * 0.22
    draw.ellipse((sx - sun, sy - sun, sx + sun, sy + sun), fill=_with_alpha(palette.accent, 200))
    x = 0
    while x < width:
        building = variation.between(width * 0.05, width * 0.11)
        top = height * variation.between(0.3, 0.6)
        draw.rectangle((x, top, x + building - 6, height), fill=_with_alpha(WHITE, 70))
        for wy in range(int(top) + 24, height - 40, 48):
            for wx in range(int(x) + 16, int(x + building) - 30, 36):
                draw.rectangle((wx, wy, wx + 14, wy + 20), fill=_with_alpha(palette.accent, 120))
        x += building


def _draw_stripes(draw, size, palette, variation):
    width, height = size
    band = width / 6
    for index in range(-2, 9):
        left = index * band + variation.between(-band * 0.2, band * 0.2)
        colour = palette.accent if index % 2 else WHITE
        draw.polygon(
            (
                (left, 0),
                (left + band * 0.5, 0),
                (left + band * 0.5 - height * 0.6, height),
                (left - height * 0.6, height),
            ),
            fill=_with_alpha(colour, 60 + (index % 3) * 30),
        )


MOTIF_PAINTERS = {
    "waves": _draw_waves,
    "arches": _draw_arches,
    "network": _draw_network,
    "plates": _draw_plates,
    "skyline": _draw_skyline,
    "stripes": _draw_stripes,
}


def _composition(size, motif, palette, seed):
    base = _gradient(size, palette.start, palette.end).convert("RGBA")
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    MOTIF_PAINTERS[motif](ImageDraw.Draw(layer), size, palette, Variation(seed))
    return Image.alpha_composite(base, layer)


def _jpeg(image):
    buffer = BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _png(image):
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def draw_illustration(motif, palette, seed, size=COVER_SIZE):
    """A textless composition, as JPEG bytes."""
    return _jpeg(_composition(size, motif, palette, seed))


def _draw_emblem(draw, box, seed, colour):
    """A geometric emblem in `box`: arcs, a ring or stacked plates, chosen by `seed`."""
    left, top, right, bottom = box
    size = right - left
    variation = Variation(seed)
    kind = variation.choice((0, 1, 2, 3))
    if kind == 0:  # concentric arches, like the bridges over the Vienne
        for step in range(3):
            inset = step * size * 0.14
            draw.arc(
                (left + inset, top + inset, right - inset, bottom + size - inset),
                180,
                360,
                fill=colour,
                width=int(size * 0.08),
            )
    elif kind == 1:  # a ring with a dot: a node of the network
        draw.ellipse(box, outline=colour, width=int(size * 0.12))
        dot = size * 0.18
        centre = (left + size / 2, top + size / 2)
        draw.ellipse(
            (centre[0] - dot, centre[1] - dot, centre[0] + dot, centre[1] + dot), fill=colour
        )
    elif kind == 2:  # stacked porcelain plates
        for step in range(3):
            y = top + step * size * 0.3
            draw.ellipse((left, y, right, y + size * 0.34), outline=colour, width=int(size * 0.07))
    else:  # a leaf: two arcs meeting
        draw.chord((left, top, right + size * 0.4, bottom), 110, 250, fill=colour)


def draw_logo(mark, name, colour):
    """A made-up logo: a geometric emblem and the organisation's name, as PNG."""
    width, height = LOGO_SIZE
    image = Image.new("RGB", LOGO_SIZE, WHITE)
    draw = ImageDraw.Draw(image)
    emblem = height - 120
    _draw_emblem(draw, (50, 60, 50 + emblem, 60 + emblem), name, colour)
    text_left = 50 + emblem + 40
    name_font, name_lines = _fit(draw, name, width - text_left - 30, 4, 44, 20)
    line_height = int(name_font.size * 1.2)
    first_line = (height - line_height * len(name_lines)) / 2
    for index, line in enumerate(name_lines):
        draw.text((text_left, first_line + index * line_height), line, font=name_font, fill=colour)
    return _png(image)


# Tones for the faces and hair of illustrated portraits, so that they do not all look alike.
SKIN_TONES = ((246, 217, 190), (234, 192, 158), (198, 144, 106), (150, 102, 72), (96, 64, 46))
HAIR_TONES = ((40, 30, 26), (92, 60, 38), (168, 120, 70), (214, 190, 150), (120, 120, 124))
CLOTHES = ((32, 58, 110), (150, 40, 52), (40, 100, 72), (90, 60, 130), (60, 64, 72), (200, 120, 50))


def draw_portrait(seed, palette):
    """An illustrated bust: face, hair and clothes of varying shapes and tones, as JPEG."""
    width, height = PORTRAIT_SIZE
    image = _gradient(PORTRAIT_SIZE, palette.start, palette.end).convert("RGBA")
    layer = Image.new("RGBA", PORTRAIT_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    variation = Variation(seed)
    for _ in range(4):
        radius = variation.between(40, 140)
        cx, cy = variation.between(0, width), variation.between(0, height)
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            fill=_with_alpha(palette.accent, 60),
        )
    skin = variation.choice(SKIN_TONES)
    hair = variation.choice(HAIR_TONES)
    clothes = variation.choice(CLOTHES)
    centre = width / 2 + variation.between(-40, 40)
    head_w = width * variation.between(14, 18) / 100
    head_h = head_w * variation.between(115, 135) / 100
    head_y = height * 0.42
    shoulders = width * variation.between(30, 40) / 100
    # Clothes, then the neck, then the face and the hair over it.
    draw.ellipse((centre - shoulders, height * 0.7, centre + shoulders, height * 1.3), fill=clothes)
    draw.rectangle(
        (centre - head_w * 0.35, head_y, centre + head_w * 0.35, height * 0.74), fill=skin
    )
    hair_style = variation.choice((0, 1, 2, 3))
    if hair_style == 1:  # long hair behind the face
        draw.rounded_rectangle(
            (
                centre - head_w * 1.25,
                head_y - head_h * 1.05,
                centre + head_w * 1.25,
                head_y + head_h * 1.2,
            ),
            radius=int(head_w),
            fill=hair,
        )
    draw.ellipse((centre - head_w, head_y - head_h, centre + head_w, head_y + head_h), fill=skin)
    if hair_style in (0, 1):  # a cap of hair
        draw.chord(
            (
                centre - head_w * 1.08,
                head_y - head_h * 1.12,
                centre + head_w * 1.08,
                head_y + head_h * 0.5,
            ),
            180,
            360,
            fill=hair,
        )
    elif hair_style == 2:  # short curls
        for step in range(7):
            angle = math.pi + step * math.pi / 6
            x = centre + math.cos(angle) * head_w * 0.95
            y = head_y - head_h * 0.35 + math.sin(angle) * head_h * 0.75
            curl = head_w * 0.32
            draw.ellipse((x - curl, y - curl, x + curl, y + curl), fill=hair)
    # hair_style 3: none
    if variation.unit() < 1 / 3:  # glasses
        eye_y = head_y - head_h * 0.05
        lens = head_w * 0.3
        for side in (-1, 1):
            x = centre + side * head_w * 0.42
            draw.ellipse(
                (x - lens, eye_y - lens * 0.8, x + lens, eye_y + lens * 0.8),
                outline=(30, 30, 30, 255),
                width=6,
            )
    return _jpeg(Image.alpha_composite(image, layer))


def describe_composition(motif, palette):
    """The alt-text description of a composition."""
    return f"Composition graphique aux tons {palette.description} : {MOTIFS[motif]}"
