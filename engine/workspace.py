"""Buffers for one pass over a batch of m examples, reused from update to update."""
import numpy as np

from .parameters import flat_zeros


class Workspace:
    """Z[l], A[l], dZ[l], dA[l] (each (n_l, m)), dW[l], db[l] and the cost J of a batch.

    A[0] is the batch's X and Y its labels (1, m); set_batch puts them in.
    Lists are indexed by the layer number l; index 0 is unused except for A[0].
    """

    def __init__(self, layer_sizes, m):
        L = len(layer_sizes) - 1
        self.m = m
        self.Y = None
        self.signs = None
        self.J = float("nan")
        self.A = [None] + [np.zeros((n, m)) for n in layer_sizes[1:]]
        self.Z = [None] + [np.zeros((n, m)) for n in layer_sizes[1:]]
        self.dZ = [None] + [np.zeros((n, m)) for n in layer_sizes[1:]]
        self.dA = [None] + [np.zeros((n, m)) for n in layer_sizes[1:L]] + [None]
        # dW[l] and db[l] are views into one flat gradient, laid out like the parameters.
        self.gradient, self.dW, self.db = flat_zeros(layer_sizes)
        # db[l] = dZ[l] @ one_over_m sums each row of dZ[l] and divides by m in one call.
        self.one_over_m = np.full((m, 1), 1.0 / m) if m else np.zeros((0, 1))

    def set_batch(self, X, Y=None, signs=None):
        """A[0] = X (n_x, m); Y (1, m) labels; signs = 1 - 2Y, given if already known."""
        self.A[0] = X
        self.Y = Y
        self.signs = signs if signs is not None or Y is None else 1.0 - 2.0 * Y
