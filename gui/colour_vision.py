"""How colours look to people with a colour vision deficiency, and how far apart two
colours are: NumPy only, for tests and scripts/simulate_colour_vision.py.

simulate() applies Machado, Oliveira and Fernandes (2009), "A Physiologically-based Model
for Simulation of Color Vision Deficiency", IEEE TVCG 15(6), at severity 1.0: a 3x3
matrix on linear RGB. delta_e() is the CIE 1976 distance in L*a*b* (D65): about 2.3 is
just noticeable; the views need colours told apart at a glance, far more than that.
"""
import numpy as np

MACHADO = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
KINDS = tuple(MACHADO)

# sRGB (linear) to CIE XYZ, D65; the reference white.
RGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                       [0.2126729, 0.7151522, 0.0721750],
                       [0.0193339, 0.1191920, 0.9503041]])
WHITE = RGB_TO_XYZ @ np.ones(3)


def hex_rgb(colour):
    """'#d62728' -> array([214, 39, 40]) (uint8)."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"a colour must look like #rrggbb, got {colour!r}")
    return np.array([int(text[i:i + 2], 16) for i in (0, 2, 4)], dtype=np.uint8)


def to_linear(rgb):
    """uint8 sRGB (..., 3) -> linear RGB in 0..1."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def to_srgb(linear):
    """Linear RGB in 0..1 (clipped) -> uint8 sRGB."""
    c = np.clip(linear, 0.0, 1.0)
    c = np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)
    return np.rint(c * 255.0).astype(np.uint8)


def simulate(rgb, kind):
    """uint8 sRGB pixels (..., 3) as seen with `kind` (one of KINDS), as uint8 sRGB."""
    if kind not in MACHADO:
        raise ValueError(f"unknown colour vision deficiency {kind!r}; the kinds are "
                         f"{', '.join(KINDS)}")
    return to_srgb(to_linear(rgb) @ MACHADO[kind].T)


def lab(rgb):
    """uint8 sRGB (..., 3) -> CIE L*a*b* (..., 3)."""
    t = (to_linear(rgb) @ RGB_TO_XYZ.T) / WHITE
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]),
                     200 * (f[..., 1] - f[..., 2])], axis=-1)


def delta_e(rgb_a, rgb_b):
    """CIE76 colour difference of two uint8 sRGB colours (or arrays of them)."""
    return np.linalg.norm(lab(rgb_a) - lab(rgb_b), axis=-1)


def worst_delta_e(colour_a, colour_b):
    """(smallest CIE76 difference of two '#rrggbb' colours over normal vision and each of
    KINDS, the vision it is smallest for)."""
    a, b = hex_rgb(colour_a), hex_rgb(colour_b)
    seen = {"normal": float(delta_e(a, b))}
    for kind in KINDS:
        seen[kind] = float(delta_e(simulate(a, kind), simulate(b, kind)))
    vision = min(seen, key=seen.get)
    return seen[vision], vision
