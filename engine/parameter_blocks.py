"""All of a network's W[l] and b[l] (or dW[l] and db[l]) as views into one flat array.

Layer l owns one block [W[l] b[l]] of shape (n_l, n_{l-1} + 1): W[l] is its first
n_{l-1} columns and b[l] its last. Against A[l-1] with a row of ones appended, one
matrix product gives W[l] A[l-1] + b[l], and one gives dW[l] and db[l] together.
The blocks lie one after another in a single flat array, so an update touches every
parameter in a couple of NumPy calls, however many layers there are. The fast route
(engine/fast/) uses the blocks; the readable functions see only W[l] and b[l].
"""
from itertools import pairwise

import numpy as np


def parameter_count(layer_sizes):
    """Number of entries in W[1], b[1], ..., W[L], b[L]."""
    return sum(n * (n_prev + 1) for n_prev, n in pairwise(layer_sizes))


def layer_views(flat, layer_sizes):
    """(Wb, W, b): lists indexed by l = 1..L (index 0 is None) of views into flat.

    Wb[l] is the block [W[l] b[l]] (n_l, n_{l-1} + 1); W[l] is (n_l, n_{l-1}), b[l] (n_l, 1).
    """
    Wb, W, b, start = [None], [None], [None], 0
    for n_prev, n in pairwise(layer_sizes):
        block = flat[start:start + n * (n_prev + 1)].reshape(n, n_prev + 1)
        start += block.size
        Wb.append(block)
        W.append(block[:, :n_prev])
        b.append(block[:, n_prev:])
    return Wb, W, b


def flat_zeros(layer_sizes):
    """A zero flat array and its (Wb, W, b) views."""
    flat = np.zeros(parameter_count(layer_sizes))
    return (flat,) + layer_views(flat, layer_sizes)
