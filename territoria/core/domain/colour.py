"""Colour contrast for per-territory themes (WCAG 2.1, success criteria 1.4.3 and 1.4.11).

A territory picks any main colour; the theme derives from it the colours it actually paints
so that text keeps a contrast ratio of at least 4.5:1 whatever was picked.
"""

from dataclasses import dataclass

WHITE = "#ffffff"
INK = "#161616"
AA_TEXT = 4.5


def parse_hex(colour: str) -> tuple[int, int, int]:
    value = colour.strip().lstrip("#")
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def relative_luminance(colour: str) -> float:
    """Relative luminance as defined by WCAG 2.1 (sRGB, linearised channels)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = parse_hex(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def darken_until(colour: str, against: str, ratio: float = AA_TEXT) -> str:
    """Mix ``colour`` towards black by small steps until it reaches ``ratio`` on ``against``."""
    rgb = parse_hex(colour)
    for step in range(0, 101):
        k = 1 - step / 100
        candidate = to_hex((rgb[0] * k, rgb[1] * k, rgb[2] * k))
        if contrast_ratio(candidate, against) >= ratio:
            return candidate
    return "#000000"


@dataclass(frozen=True)
class Palette:
    brand: str  # the territory's colour, as picked (decorative surfaces, borders)
    brand_strong: str  # brand darkened until text of that colour reads on white
    on_brand: str  # text colour to write on a brand_strong background


def palette_for(colour: str) -> Palette:
    """The colours a theme paints from one main colour, each meeting WCAG AA for text."""
    strong = darken_until(colour, WHITE)
    on = WHITE if contrast_ratio(WHITE, strong) >= contrast_ratio(INK, strong) else INK
    return Palette(brand=to_hex(parse_hex(colour)), brand_strong=strong, on_brand=on)
