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
    for step in range(101):
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


# Chart colours (theme.css declares the same values as --chart-* custom properties; a test
# checks they agree). Marks reach 3:1 on white (WCAG 1.4.11), text 4.5:1 (WCAG 1.4.3). The
# territory's series and bar take the territory's ``brand_strong``, which reaches 4.5:1.
DEFAULT_BRAND = "#1f5f8b"
MUTED = "#4a4a4a"
CHART_REFERENCE = "#6b6b6b"  # the bars of the reference areas
CHART_GRID = "#d4d4d4"  # grid lines only repeat the labelled ticks: decorative
CHART_SERIES = ("#a14a00", "#6b3fa0", "#00695c", "#5c5c5c")  # series styles 1 to 4
AA_GRAPHICS = 3.0


@dataclass(frozen=True)
class ChartPalette:
    highlight: str  # the territory the chart is about
    reference: str
    text: str
    muted: str
    axis: str
    grid: str
    series: tuple[str, ...]  # by series style: 0 is the highlight

    def series_colour(self, style: int) -> str:
        return self.series[style % len(self.series)]


def chart_palette(brand_strong: str = DEFAULT_BRAND) -> ChartPalette:
    """The colours a chart paints, the territory's own first."""
    return ChartPalette(highlight=brand_strong, reference=CHART_REFERENCE, text=INK,
                        muted=MUTED, axis=INK, grid=CHART_GRID,
                        series=(brand_strong, *CHART_SERIES))
