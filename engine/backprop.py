"""Forward propagation, the cost, backward propagation and the update, as the course writes them.

This is the engine's source of truth: stepping in the window, the `step` command, the
gradient check and the snapshots run these functions, and the window shows their code.
(Long runs may take a faster route, engine/fast/, which is tested against this one.)

Notation, for layers l = 1..L:
    X = A[0]            (n_x, m)        one example per column
    Y                   (1, m)          the labels, 0 or 1
    W[l]                (n_l, n_{l-1})
    b[l]                (n_l, 1)        added to every column
    Z[l], A[l]          (n_l, m)
    dZ[l], dA[l]        (n_l, m)        dJ/dZ[l] and dJ/dA[l], per example (no 1/m yet)
    dW[l], db[l]        shaped like W[l] and b[l]: dJ/dW[l] and dJ/db[l]
Lists W, b, Z, A, ... are indexed by l itself: W[l] in the code is W[l] in the equations,
and index 0 is unused except for A[0] = X. g[l] is the Activation of layer l
(engine/activations.py); the output layer L is a single sigmoid unit.
"""
from dataclasses import dataclass, field

import numpy as np

# --- forward ------------------------------------------------------------------

def forward_layer(W, b, A_prev, g):
    """Z[l] = W[l] A[l-1] + b[l], A[l] = g[l](Z[l]): both (n_l, m)."""
    Z = W @ A_prev + b
    A = g.function(Z)
    return Z, A


def cost(ZL, Y, W, lambd):
    """J: the mean cross-entropy of A[L] = sigmoid(Z[L]) against Y, both (1, m), plus
    (lambda/2m) times the sum of every ||W[l]||^2."""
    m = Y.shape[1]
    # Each example's loss -[y log a + (1 - y) log(1 - a)], with a = sigmoid(z), equals
    # log(1 + e^-z) when y = 1 and log(1 + e^z) when y = 0: log(1 + e^s), s = (1 - 2y) z.
    # np.logaddexp(0, s) = log(e^0 + e^s) computes it without overflow and never takes
    # log(0), so J stays finite even where a has rounded to exactly 0 or 1.
    losses = np.logaddexp(0, (1 - 2 * Y) * ZL)
    J = losses.sum() / m
    if lambd:  # the L2 term (it would add 0 otherwise)
        J += lambd / (2 * m) * sum(np.sum(W[l] ** 2) for l in range(1, len(W)))
    return float(J)


# --- backward -----------------------------------------------------------------

def output_layer_dZ(AL, Y):
    """dZ[L] = A[L] - Y, (1, m)."""
    # dJ/dA[L] = (A - Y) / (A (1 - A)) per example, and sigmoid'(Z) = A (1 - A):
    # the chain rule multiplies them and the A (1 - A) cancels.
    dZ = AL - Y
    return dZ


def hidden_layer_dZ(dA, Z, A, g):
    """dZ[l] = dA[l] * g[l]'(Z[l]), elementwise, (n_l, m)."""
    dZ = dA * g.derivative(Z, A)
    return dZ


def layer_gradients(dZ, A_prev, W, lambd):
    """dW[l] (n_l, n_{l-1}) and db[l] (n_l, 1), averaged over the m examples."""
    m = dZ.shape[1]
    dW = (1 / m) * (dZ @ A_prev.T)
    if lambd:  # L2 adds (lambda/2m) ||W||^2 to J, and so (lambda/m) W to dW
        dW += (lambd / m) * W
    db = (1 / m) * dZ.sum(axis=1, keepdims=True)
    return dW, db


def previous_layer_dA(W, dZ):
    """dA[l-1] = W[l]^T dZ[l], (n_{l-1}, m): what layer l-1 passes back."""
    dA_prev = W.T @ dZ
    return dA_prev


# --- the update ---------------------------------------------------------------

def update_parameters(W, b, dW, db, alpha):
    """One gradient-descent step on every W[l] and b[l], in place."""
    for l in range(1, len(W)):
        W[l] -= alpha * dW[l]
        b[l] -= alpha * db[l]


# --- whole passes -------------------------------------------------------------

@dataclass
class Cache:
    """What one pass over a batch computed, in lists indexed by l (see the module doc)."""

    Y: np.ndarray | None
    A: list
    Z: list
    dZ: list = field(default_factory=list)
    dA: list = field(default_factory=list)
    dW: list = field(default_factory=list)
    db: list = field(default_factory=list)
    J: float = float("nan")

    @classmethod
    def start(cls, X, Y, L):
        """A cache holding A[0] = X and Y, with a slot for every layer's arrays."""
        slots = [None] * (L + 1)
        return cls(Y, [X] + slots[1:], list(slots), list(slots), list(slots),
                   list(slots), list(slots))

    @property
    def m(self):
        return self.A[0].shape[1]


def forward_propagation(X, W, b, g, Y=None):
    """Z[l], A[l] for l = 1..L, from A[0] = X; returns a Cache (Y kept for what follows)."""
    L = len(W) - 1
    cache = Cache.start(X, Y, L)
    for l in range(1, L + 1):
        cache.Z[l], cache.A[l] = forward_layer(W[l], b[l], cache.A[l - 1], g[l])
    return cache


def backward_layer(cache, l, W, g, lambd):
    """dZ[l], dW[l], db[l] and (for l > 1) dA[l-1], into the cache."""
    L = len(W) - 1
    if l == L:
        cache.dZ[l] = output_layer_dZ(cache.A[L], cache.Y)
    else:
        cache.dZ[l] = hidden_layer_dZ(cache.dA[l], cache.Z[l], cache.A[l], g[l])
    cache.dW[l], cache.db[l] = layer_gradients(cache.dZ[l], cache.A[l - 1], W[l], lambd)
    if l > 1:  # dA[0] would be the gradient for the inputs, which nothing learns from
        cache.dA[l - 1] = previous_layer_dA(W[l], cache.dZ[l])


def backward_propagation(cache, W, g, lambd):
    """The cost J and every layer's gradients, from l = L down to 1, into the cache."""
    L = len(W) - 1
    cache.J = cost(cache.Z[L], cache.Y, W, lambd)
    for l in range(L, 0, -1):
        backward_layer(cache, l, W, g, lambd)
    return cache
