"""Buffers for one pass over a batch of m examples, reused from update to update."""
import numpy as np


class Workspace:
    """Z[l], A[l], dZ[l], dA[l] (each (n_l, m)), dW[l], db[l] and the cost J of a batch.

    A[0] is the batch's X and Y its labels (1, m); both are set by whoever runs the pass.
    Lists are indexed by the layer number l; index 0 is unused except for A[0].
    """

    def __init__(self, layer_sizes, m):
        L = len(layer_sizes) - 1
        self.m = m
        self.Y = None
        self.J = float("nan")
        self.A = [None] + [np.zeros((n, m)) for n in layer_sizes[1:]]
        self.Z = [None] + [np.zeros((n, m)) for n in layer_sizes[1:]]
        self.dZ = [None] + [np.zeros((n, m)) for n in layer_sizes[1:]]
        self.dA = [None] + [np.zeros((n, m)) for n in layer_sizes[1:L]] + [None]
        self.dW = [None] + [np.zeros((layer_sizes[l], layer_sizes[l - 1]))
                            for l in range(1, L + 1)]
        self.db = [None] + [np.zeros((n, 1)) for n in layer_sizes[1:]]
