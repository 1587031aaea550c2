"""A diverging colour scale centred on 0: blue below, white at 0, orange above.

Blue and orange stay apart for the common kinds of colour blindness (unlike red and
green). Every tile scales to +-s, its largest |value|, so white always means 0.
"""
import numpy as np

# From -s (position 0) through 0 (position 0.5) to +s (position 1).
STOPS = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
RGB = np.array([
    (0x21, 0x66, 0xac),   # dark blue
    (0x92, 0xc5, 0xde),   # light blue
    (0xf7, 0xf7, 0xf7),   # near white
    (0xfd, 0xb8, 0x63),   # light orange
    (0xe6, 0x61, 0x01),   # dark orange
], dtype=float)


def symmetric_scale(*arrays):
    """s = the largest finite |value| in the arrays (1 when they are all 0)."""
    largest = 0.0
    for a in arrays:
        a = np.asarray(a, dtype=float)
        finite = a[np.isfinite(a)]
        if finite.size:
            largest = max(largest, float(np.abs(finite).max()))
    return largest if largest > 0 else 1.0


def positions(values, scale):
    """Where each value falls on the scale: 0 at -scale, 0.5 at 0, 1 at +scale."""
    with np.errstate(all="ignore"):
        t = 0.5 + 0.5 * np.asarray(values, dtype=float) / scale
    return np.clip(np.nan_to_num(t, nan=0.5), 0.0, 1.0)


def colorize(values, scale):
    """(h, w, 4) uint8 RGBA for a (h, w) array."""
    t = positions(values, scale)
    out = np.empty(t.shape + (4,), np.uint8)
    for channel in range(3):
        out[..., channel] = np.interp(t, STOPS, RGB[:, channel]).round()
    out[..., 3] = 255
    return out


def is_dark(t):
    """Whether the colour at position t needs light text on it."""
    return t < 0.12 or t > 0.9


def display_scale(values):
    """(s, clipped): the |value| of the end colours for one array. Normally its largest
    |value|; when a few outliers dwarf the rest (99.5% of |values| under a quarter of the
    largest) the 99.5th percentile, so the rest is not all white, and clipped is True."""
    a = np.asarray(values, dtype=float)
    finite = np.abs(a[np.isfinite(a)])
    largest = symmetric_scale(a)
    if finite.size < 50:
        return largest, False
    typical = float(np.percentile(finite, 99.5))
    if 0 < typical < largest / 4:
        return typical, True
    return largest, False
