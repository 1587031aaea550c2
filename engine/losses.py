"""Binary cross-entropy, computed from the output layer's logits Z[L]."""
import numpy as np

from .steps import constant, run_steps

_ZERO = constant(0.0)


def underflow_is_zero():
    """For |s| > 745, logaddexp's e^-|s| underflows to 0, which is the right answer."""
    return np.errstate(under="ignore")


def cross_entropy_from_logits(ZL, Y):
    """Mean binary cross-entropy of A = sigma(ZL) against 0/1 labels Y, both (1, m).

    The loss of one example is -[y log a + (1 - y) log(1 - a)]. With a = sigma(z) that is
    log(1 + e^-z) when y = 1 and log(1 + e^z) when y = 0, i.e. log(1 + e^s) with
    s = (1 - 2y) z. np.logaddexp(0, s) evaluates that without overflow and without ever
    taking log(0), so the cost stays finite for z = +-1e4, where a is exactly 0 or 1; and
    every term is positive, so the sum loses no digits to cancellation.
    Returns nan for m = 0 (no examples, no cost).
    """
    losses = np.empty_like(ZL)
    with underflow_is_zero():
        run_steps(losses_steps(ZL, 1.0 - 2.0 * Y, losses))
    return mean_loss(losses)


def losses_steps(ZL, signs, losses):
    """Steps (steps.py) that put each example's loss log(1 + e^s), s = signs * ZL, in losses."""
    return (np.multiply, (signs, ZL, losses)), (np.logaddexp, (_ZERO, losses, losses))


def mean_loss(losses):
    """The mean of a (1, m) row of losses as a float (summed in one pass); nan for m = 0."""
    m = losses.shape[1]
    return float(np.add.reduce(losses, axis=None)) / m if m else float("nan")


def l2_penalty(W, l2, m):
    """(lambda / 2m) * sum over layers of ||W[l]||_F^2, for W = [None, W1, ..., WL]."""
    if l2 == 0.0 or m == 0:
        return 0.0
    return l2 / (2.0 * m) * sum(float(np.vdot(Wl, Wl)) for Wl in W[1:])


def cost(ZL, Y, W, l2):
    """J = cross-entropy + L2 penalty: the quantity gradient descent minimises."""
    return cross_entropy_from_logits(ZL, Y) + l2_penalty(W, l2, ZL.shape[1])
