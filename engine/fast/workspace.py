"""Buffers for one pass over a batch of m examples, reused from update to update."""
import numpy as np

from ..parameter_blocks import flat_zeros
from .steps import constant


def stack_batch(X, Y):
    """The rows a Workspace loads at once: X (n_x, m), a row of ones, Y and 1 - 2Y."""
    n_x, m = X.shape
    rows = np.empty((n_x + 3, m))
    rows[:n_x] = X
    rows[n_x] = 1.0
    rows[n_x + 1] = Y
    rows[n_x + 2] = 1.0 - 2.0 * Y
    return rows


class Workspace:
    """Z[l], A[l], dZ[l], dA[l] (each (n_l, m)), dW[l], db[l] and the cost J of a batch.

    A[0] is the batch's X and Y its labels (1, m); load_batch puts them in.
    Lists are indexed by the layer number l; index 0 is unused except for A[0].

    Each A[l] (l < L) is the top of a buffer A1[l] whose last row is all ones, so that
    [W[l+1] b[l+1]] A1[l] = W[l+1] A[l] + b[l+1] is one matrix product (engine/parameter_blocks.py).
    Likewise dA[l] is the top of dA1[l], which also receives b[l+1]^T dZ[l+1], unused.
    """

    def __init__(self, layer_sizes, m):
        zeros = np.zeros
        L = len(layer_sizes) - 1
        n_x = layer_sizes[0]
        self.m = m
        self.one_over_m = constant(1.0 / m) if m else constant(0.0)
        self.J = float("nan")
        # One buffer for everything that changes with the batch, so loading it is one copy.
        self.batch = stack_batch(zeros((n_x, m)), zeros((1, m)))
        self.A1 = [self.batch[:n_x + 1]] + [_with_ones_row(zeros((n + 1, m)))
                                            for n in layer_sizes[1:L]]
        self.A = ([self.batch[:n_x]] + [a[:-1] for a in self.A1[1:]] +
                  [zeros((layer_sizes[L], m))])
        self.Y = self.batch[n_x + 1:n_x + 2]
        self.signs = self.batch[n_x + 2:]
        self.Z = [None] + [zeros((n, m)) for n in layer_sizes[1:]]
        self.losses = zeros((1, m))  # each example's cross-entropy, for J
        self.dZ = [None] + [zeros((n, m)) for n in layer_sizes[1:]]
        self.dA1 = [None] + [zeros((n + 1, m)) for n in layer_sizes[1:L]] + [None]
        self.dA = [None] + [d[:-1] for d in self.dA1[1:L]] + [None]
        # dW[l] and db[l] are views into one flat gradient, laid out like the parameters.
        self.gradient, self.dWb, self.dW, self.db = flat_zeros(layer_sizes)

    def load_batch(self, rows):
        """Copy in rows made by stack_batch (or columns of them)."""
        np.copyto(self.batch, rows)


def _with_ones_row(buffer):
    buffer[-1] = 1.0
    return buffer
