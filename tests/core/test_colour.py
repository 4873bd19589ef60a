"""The theme's colour rules (WCAG 2.1 contrast), without a database."""

import itertools

import pytest

from territoria.core.domain.colour import (
    AA_TEXT,
    contrast_ratio,
    palette_for,
    parse_hex,
    relative_luminance,
)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("#ffffff", "#000000", 21.0),
    ("#000000", "#ffffff", 21.0),
    ("#777777", "#ffffff", 4.48),  # the classic grey that just fails AA
    ("#767676", "#ffffff", 4.54),  # and the one that just passes
    ("#0000ff", "#ffffff", 8.59),
    ("#ff0000", "#ffffff", 4.0),
    ("#123456", "#123456", 1.0),
])
def test_contrast_ratio_matches_known_wcag_values(a, b, expected):
    assert contrast_ratio(a, b) == pytest.approx(expected, abs=0.01)


def test_relative_luminance_runs_from_black_to_white():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#FFFFFF") == pytest.approx(1)


@pytest.mark.parametrize("bad", ["", "#fff", "#12345g", "#1234567", "red"])
def test_a_colour_that_is_not_rrggbb_is_refused(bad):
    with pytest.raises(ValueError):
        parse_hex(bad)


# Every 17th level of each channel (0, 17, …, 255): 16³ = 4,096 colours, corners included.
GRID = [f"#{r:02x}{g:02x}{b:02x}" for r, g, b in itertools.product(range(0, 256, 17), repeat=3)]


def test_palette_text_colours_reach_aa_contrast_for_every_colour_of_the_grid():
    failures = []
    for colour in GRID:
        palette = palette_for(colour)
        if (contrast_ratio(palette.brand_strong, "#ffffff") < AA_TEXT
                or contrast_ratio(palette.on_brand, palette.brand_strong) < AA_TEXT):
            failures.append((colour, palette))
    assert failures == []


def test_palette_keeps_the_picked_colour_and_leaves_a_dark_one_unchanged():
    palette = palette_for("#1F5F8B")
    assert palette.brand == "#1f5f8b"
    assert palette.brand_strong == "#1f5f8b"  # already 6.9:1 on white
    assert palette.on_brand == "#ffffff"


def test_palette_darkens_a_light_colour_until_text_reads_on_white():
    palette = palette_for("#ffeb3b")  # a yellow: 1.3:1 on white
    assert palette.brand == "#ffeb3b"
    assert palette.brand_strong != "#ffeb3b"
    assert contrast_ratio(palette.brand_strong, "#ffffff") >= AA_TEXT
