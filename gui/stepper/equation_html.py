"""The engine's ASCII equations (engine/phases.py) as rich text in the seeds' notation.

'Z[2] = W[2] A[1] + b[2]' becomes Z<sup>[2]</sup> = W<sup>[2]</sup> A<sup>[1]</sup> + ...;
alpha, lambda and sum become α, λ and Σ; ^T a transpose mark; (1/m) a small fraction.
Indented lines in brackets are notes (a definition, the form the code computes) and are
set in smaller grey text.
"""
import html
import re

NOTE_COLOR = "#555555"

# Applied in order to HTML-escaped text.
REPLACEMENTS = (
    (re.compile(r"\|\|(\w+)\[(\w+)\]\|\|\^2"), r"‖\1[\2]‖²"),
    (re.compile(r"\(lambda/(\d*)m\)"), r"<sup>λ</sup>&frasl;<sub>\1m</sub>"),
    (re.compile(r"\((\d+)/m\)"), r"<sup>\1</sup>&frasl;<sub>m</sub>"),
    (re.compile(r"\bsum over examples of\b"), "Σ<sub>i=1..m</sub>"),
    (re.compile(r"\bsum_l\b"), "Σ<sub>l</sub>"),
    (re.compile(r"\bsum\b"), "Σ"),
    (re.compile(r"\balpha\b"), "α"),
    (re.compile(r"\blambda\b"), "λ"),
    (re.compile(r"\be\^\(([^()]*(?:\([^()]*\)[^()]*)*)\)"), r"e<sup>\1</sup>"),
    (re.compile(r"\be\^(-?\w+)"), r"e<sup>\1</sup>"),
    (re.compile(r"\]\^T\b"), "]ᵀ"),
    (re.compile(r"\^2\b"), "²"),
    (re.compile(r"(\w)'\("), r"\1′("),
    (re.compile(r"\b([A-Za-z]+)\[(\w+)\]"), r"\1<sup>[\2]</sup>"),
    (re.compile(r" \* "), " ∗ "),
    (re.compile(r"(?<=[\s(>])-(?=[\s\w(<&])"), "−"),
)


def symbol_html(name):
    """'dW[2]' -> 'dW<sup>[2]</sup>'; other names as they are."""
    return _math(html.escape(name, quote=False))


def math_html(text):
    """Escaped text with the symbols of the course set as in the seeds."""
    text = html.escape(text, quote=False)
    return _math(text)


def _math(text):
    for pattern, replacement in REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text


def equation_html(equation, note_scale=0.8):
    """Rich text for an equation of engine/phases.py: one <div> per line, notes smaller."""
    lines = []
    for line in equation.splitlines():
        body = _math(html.escape(line.strip(), quote=False))
        if line.startswith(" ") or line.strip().startswith("computed as"):
            lines.append(f"<div style='font-size:{note_scale * 100:.0f}%; color:{NOTE_COLOR};"
                         f" margin-left:1.5em'>{body}</div>")
        else:
            # A note written at the end of an equation line ("    (tanh'(z) = 1 - a^2)").
            main, sep, note = body.partition("    (")
            if sep:
                body = (f"{main}&nbsp;&nbsp;<span style='font-size:{note_scale * 100:.0f}%;"
                        f" color:{NOTE_COLOR}'>({note}</span>")
            lines.append(f"<div>{body}</div>")
    return "".join(lines)
