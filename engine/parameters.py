"""All of a network's W[l] and b[l] (or dW[l] and db[l]) as views into one flat array.

Keeping them in one block lets an update touch every parameter in two NumPy calls,
however many layers there are.
"""
from itertools import pairwise

import numpy as np


def parameter_count(layer_sizes):
    """Number of entries in W[1], b[1], ..., W[L], b[L]."""
    return sum(n * (n_prev + 1) for n_prev, n in pairwise(layer_sizes))


def layer_views(flat, layer_sizes):
    """(W, b): lists indexed by l = 1..L (index 0 is None) of views into flat.

    The order in flat is W[1], b[1], W[2], b[2], ...; W[l] is (n_l, n_{l-1}), b[l] (n_l, 1).
    """
    W, b, start = [None], [None], 0
    for n_prev, n in pairwise(layer_sizes):
        W.append(flat[start:start + n * n_prev].reshape(n, n_prev))
        start += n * n_prev
        b.append(flat[start:start + n].reshape(n, 1))
        start += n
    return W, b


def flat_zeros(layer_sizes):
    """A zero flat array and its (W, b) views."""
    flat = np.zeros(parameter_count(layer_sizes))
    return (flat,) + layer_views(flat, layer_sizes)
