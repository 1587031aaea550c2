"""The colour scale of a hidden unit's picture, fixed by its activation's range, so that
a colour means the same a in every thumbnail of a layer and in the large picture:
tanh -1..1, sigmoid 0..1 (white at 0.5), ReLU 0..the layer's largest a (white at 0),
anything else symmetric about 0 up to the layer's largest |a|."""
import numpy as np
import pyqtgraph as pg

from gui.plots.diagram_words import number

FIXED = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}


def layer_top(pictures):
    """The largest finite |a| in a layer's pictures; 1 when there is none (all 0)."""
    values = np.abs(np.asarray(pictures, dtype=np.float64))
    top = float(np.max(values[np.isfinite(values)], initial=0.0))
    return top if top > 0 else 1.0


def activation_levels(kind, pictures):
    """(low, high) that activation_colormap(kind) spans for a layer of activation `kind`
    whose pictures (n, s, s) these are."""
    if kind in FIXED:
        return FIXED[kind]
    top = layer_top(pictures)
    return (0.0, top) if kind == "relu" else (-top, top)


def activation_colormap(kind, full):
    """The map for `kind`'s levels made from `full`, blue .. white .. orange (the
    probability map): all of it, white at the middle of the levels (0, or 0.5 for the
    sigmoid); for ReLU, never negative, its white (0) .. orange half only."""
    if kind != "relu":
        return full
    white, red = full.map([0.5, 1.0], mode="byte")[:, :3]
    return pg.ColorMap(pos=[0.0, 1.0], color=[tuple(white), tuple(red)])


def key_ends(kind, levels):
    """The three words at the ends and middle of the colour key for `kind`: ReLU is
    never negative, so its key starts at 0 (white)."""
    low, high = levels
    if kind == "relu":
        return ("0", "", number(high))
    return (number(low), number((low + high) / 2), number(high))
