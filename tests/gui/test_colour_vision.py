"""The colours that carry meaning stay apart with protanopia, deuteranopia and tritanopia
(Machado et al. 2009), and the simulation itself behaves as the paper's model does."""
import itertools

import numpy as np
import pytest

from gui import theme
from gui.colour_vision import KINDS, delta_e, hex_rgb, simulate, worst_delta_e
from gui.gradcheck_view import STATUS_TINT
from gui.plots.gradient_plot import FLAGGED_COLOR

# CIE76: about 2.3 is just noticeable. Points and lines must differ at a glance; the
# PASS/FAIL tints sit behind the words PASS and FAIL, so they need less.
AT_A_GLANCE = 40
BEHIND_WORDS = 15


@pytest.mark.parametrize("name, a, b, least", [
    ("class 0 and class 1", *theme.CLASS_COLORS, AT_A_GLANCE),
    ("negative and positive weights", theme.NEGATIVE_WEIGHT, theme.POSITIVE_WEIGHT,
     AT_A_GLANCE),
    ("training and test cost", theme.TRAIN_COLOR, theme.TEST_COLOR, AT_A_GLANCE),
    ("a flagged layer's bar and an unflagged one", FLAGGED_COLOR, "#808080", 25),
    ("PASS and FAIL", theme.PASS_TINT, theme.FAIL_TINT, BEHIND_WORDS),
])
def test_pairs_that_carry_meaning_stay_apart_for_every_vision(name, a, b, least):
    difference, vision = worst_delta_e(a, b)
    assert difference >= least, f"{name}: only {difference:.1f} apart with {vision}"


def test_the_gradient_check_uses_the_pass_and_fail_tints():
    from engine.gradcheck import FAIL, PASS
    assert (STATUS_TINT[PASS], STATUS_TINT[FAIL]) == (theme.PASS_TINT, theme.FAIL_TINT)


def test_the_first_four_layers_stay_apart_for_every_vision():
    """Layer curves have a legend, but four layers are common and must not merge."""
    for a, b in itertools.combinations(theme.LAYER_COLORS[:4], 2):
        difference, vision = worst_delta_e(a, b)
        assert difference >= 20, f"layers {a} and {b}: {difference:.1f} with {vision}"


def test_the_old_red_and_green_merge_for_deuteranopes_so_the_check_can_fail():
    difference, vision = worst_delta_e("#2ca02c", "#d62728")   # matplotlib's green, red
    assert difference < 10 and vision in ("deuteranopia", "protanopia")
    assert worst_delta_e("#e3f2e1", "#fbe0dd")[0] < 3          # the old PASS/FAIL tints


def test_greys_are_unchanged_and_pure_colours_move_as_the_model_says():
    greys = np.array([[0, 0, 0], [128, 128, 128], [255, 255, 255]], dtype=np.uint8)
    for kind in KINDS:
        assert np.abs(simulate(greys, kind).astype(int) - greys).max() <= 1
    # A protanope sees pure red as a dark olive and confuses it with a dark green;
    # a tritanope sees blue and green far closer together.
    red, green, blue = (hex_rgb(c) for c in ("#ff0000", "#00ff00", "#0000ff"))
    assert simulate(red, "protanopia")[0] < 140
    assert (delta_e(simulate(blue, "tritanopia"), simulate(green, "tritanopia"))
            < 0.8 * delta_e(blue, green))
    with pytest.raises(ValueError, match="the kinds are protanopia"):
        simulate(red, "monochromacy")
    with pytest.raises(ValueError, match="#rrggbb"):
        hex_rgb("red")
