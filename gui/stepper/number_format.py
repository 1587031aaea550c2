"""Numbers short enough for a heatmap cell, and array shapes in the course's symbols."""
import math
import re

SYMBOL = re.compile(r"^(d?)([A-Za-z]+)\[(\d+)\]$")


def short_number(v):
    """At most about 7 characters: '0.583', '-12.3', '1.2e-05' as '1.2e-5', '0'."""
    v = float(v)
    if v == 0:
        return "0"
    if not math.isfinite(v):
        return "nan" if math.isnan(v) else ("∞" if v > 0 else "−∞")
    if 1e-3 <= abs(v) < 1e4:
        text = f"{v:.3g}"
    else:
        mantissa, exponent = f"{v:.1e}".split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−")


def full_number(v):
    """Enough digits to compare with the engine's numbers by eye: 6 significant."""
    v = float(v)
    return f"{v:.6g}".replace("-", "−") if math.isfinite(v) else short_number(v)


def shape_text(a):
    """'(4, 60)' or 'scalar'."""
    if a.ndim == 0:
        return "scalar"
    return "(" + ", ".join(str(s) for s in a.shape) + ")"


def shape_symbols_html(name):
    """What each dimension of symbol `name` counts, in the course's symbols:
    '(n<sup>[1]</sup>, m)' for A[1]; '' where there is nothing to say (J)."""
    if name == "Y":
        return "(1, m)"
    found = SYMBOL.match(name)
    if not found:
        return ""
    _, letter, layer = found.groups()
    l = int(layer)

    def n(k):
        return "n<sub>x</sub>" if k == 0 else f"n<sup>[{k}]</sup>"

    if letter == "W":
        return f"({n(l)}, {n(l - 1)})"
    if letter == "b":
        return f"({n(l)}, 1)"
    return f"({n(l)}, m)"
