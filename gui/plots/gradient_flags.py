"""Which layers' weight gradients look unhealthy, by absolute and relative thresholds on
||dW[l]||_F, and how to say so in a line of text.

The thresholds, and why:
- dead: ||dW[l]|| == 0 exactly. Nothing reaches those weights (all-zero weights with tanh,
  dead ReLUs, a zero input); no learning rate moves them.
- vanishing, absolute: ||dW[l]|| < 1e-5. Even at the largest learning rate the app allows
  (10) a step is then < 1e-4, while the weights of a net on standardised inputs are of
  order 0.1 to 1: thousands of updates to change one noticeably. When every layer is below
  it, the whole net has stalled (a vanishing gradient, or a flat stretch of the cost).
- vanishing, relative: below 1e-3 x the largest layer's norm. That layer learns a thousand
  times slower than the fastest one (the classic vanishing gradient of deep sigmoid nets).
- converged, not vanishing: every layer below the absolute threshold while the training
  cost J is below 1e-3. Each example's loss -log(1 - |a - y|) is at least its error
  |a - y| = |dz|, so the mean |dZ[L]| is at most J and ||dW[L]|| at most J times the size
  of layer L's inputs: a small cost forces small gradients. J = 1e-3 is a mean probability
  of 0.999 for each example's own label (-log 0.999 = 1e-3): nothing is left to learn, and
  the gradients are small because the cost is, not because they die on the way back. A net
  that has really stalled sits far above it, near J = log 2 = 0.69 (every guess near 0.5).
- exploding: ||dW[l]|| > 100, or not finite. With dZ[L] = A[L] - Y bounded by 1, the output
  layer's norm is at most about sqrt(n_{L-1}) for bounded activations (32 at the widest
  layer allowed, 1024 units); healthy nets show 1e-3..1. Past 100 the gradient has been
  multiplied up through the layers, and even a learning rate of 0.1 steps by 10, more than
  the whole weight matrix of a healthy net: the next update overshoots.
"""
from dataclasses import dataclass

import numpy as np

VANISHING_ABSOLUTE = 1e-5
VANISHING_RATIO = 1e-3
CONVERGED_COST = 1e-3
EXPLODING_ABSOLUTE = 100.0


@dataclass(frozen=True)
class GradientFlags:
    """1-based layer numbers per flag; a layer has at most one (dead before vanishing).
    converged: every layer is tiny because the cost is (then no layer is vanishing)."""

    dead: tuple
    vanishing: tuple
    exploding: tuple
    all_vanishing: bool
    converged: bool = False
    train_cost: float = float("nan")

    @property
    def any(self):
        return bool(self.dead or self.vanishing or self.exploding)

    def of(self, layer):
        """'dead', 'vanishing', 'exploding' or '' for a 1-based layer."""
        for name in ("dead", "vanishing", "exploding"):
            if layer in getattr(self, name):
                return name
        return ""


def gradient_flags(norms, train_cost=float("nan")):
    """GradientFlags of the latest ||dW[l]|| (index 0 is layer 1), given the training
    cost J shown with them (NaN when unknown: then nothing counts as converged)."""
    norms = np.asarray(norms, dtype=np.float64)
    finite = np.isfinite(norms)
    layers = np.arange(1, norms.size + 1)
    dead = finite & (norms == 0)
    largest = float(norms[finite].max()) if finite.any() else 0.0
    small = finite & ~dead & ((norms < VANISHING_ABSOLUTE) | (norms < VANISHING_RATIO * largest))
    exploding = ~finite | (finite & (norms > EXPLODING_ABSOLUTE))
    all_small = bool(finite.all() and norms.size and np.all(norms < VANISHING_ABSOLUTE)
                     and not dead.all())
    train_cost = float(train_cost)
    converged = all_small and bool(np.isfinite(train_cost) and train_cost < CONVERGED_COST)
    if converged:
        small, all_small = np.zeros_like(small), False
    return GradientFlags(tuple(int(l) for l in layers[dead]),
                         tuple(int(l) for l in layers[small]),
                         tuple(int(l) for l in layers[exploding]), all_small,
                         converged, train_cost)


def layer_list(layers):
    """'layer 3' or 'layers 1, 2, 5'."""
    if len(layers) == 1:
        return f"layer&nbsp;{layers[0]}"
    return "layers&nbsp;" + ", ".join(str(l) for l in layers)


def flags_html(flags, colour):
    """One short line per kind of flag, in `colour` and bold, after a plain word that the
    net has converged where it has; '' when all is well."""
    converged = ""
    if flags.converged:
        converged = (f"converged: every ||dW|| &lt; {VANISHING_ABSOLUTE:g} because the cost "
                     f"is small (J = {flags.train_cost:.1g})")
    parts = []
    if flags.all_vanishing:
        parts.append(f"vanishing: every layer &lt; {VANISHING_ABSOLUTE:g} (stalled)")
    if flags.dead:
        parts.append(f"dead (dW = 0): {layer_list(flags.dead)}")
    if flags.vanishing and not flags.all_vanishing:
        parts.append(f"vanishing: {layer_list(flags.vanishing)} (hatched)")
    if flags.exploding:
        parts.append(f"exploding (&gt; {EXPLODING_ABSOLUTE:g}): {layer_list(flags.exploding)}")
    if not parts:
        return converged
    flagged = f'<b style="color:{colour}">' + " \u00b7 ".join(parts) + "</b>"
    return converged + " \u00b7 " + flagged if converged else flagged
