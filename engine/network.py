"""The network's parameters W[l], b[l] and its passes over a set of examples.

Symbols follow the course (engine/backprop.py lists them): W[l] is (n_l, n_{l-1}),
b[l] is (n_l, 1), and the lists W, b, g are indexed by l itself (index 0 unused).
"""
import numpy as np

from . import backprop
from .activations import ACTIVATIONS
from .initialisers import INITIALISERS
from .parameter_blocks import flat_zeros


class Network:
    """An L-layer binary classifier whose output layer is one sigmoid unit."""

    def __init__(self, layer_sizes, activations, W, b):
        """W, b: lists indexed by l (index 0 unused) with the starting values."""
        self.layer_sizes = tuple(layer_sizes)
        self.activation_names = tuple(activations)
        self.g = [None] + [ACTIVATIONS[name] for name in activations]
        # W[l] and b[l] are views into one flat array (parameter_blocks.py explains why).
        self.theta, self.Wb, self.W, self.b = flat_zeros(self.layer_sizes)
        for l in range(1, self.L + 1):
            self.W[l][...] = W[l]
            self.b[l][...] = b[l]

    @classmethod
    def initialise(cls, config, rng):
        """New parameters for a ModelConfig, drawing from the numpy Generator rng."""
        sizes = config.layer_sizes
        make_W = INITIALISERS[config.init]
        W = [None] + [make_W(sizes[l], sizes[l - 1], rng) for l in range(1, len(sizes))]
        b = [None] + [np.zeros((sizes[l], 1)) for l in range(1, len(sizes))]
        return cls(sizes, config.activations, W, b)

    @property
    def L(self):
        """Number of layers with parameters (the input layer is not counted)."""
        return len(self.layer_sizes) - 1

    def parameter_count(self):
        return self.theta.size

    def copy(self):
        """A network with copies of these parameters."""
        return Network(self.layer_sizes, self.activation_names, self.W, self.b)

    # --- whole passes, for metrics, views and the gradient check ----------------

    def forward(self, X, Y=None, dtype=np.float64):
        """backprop.forward_propagation on X (n_x, m); returns its Cache.

        dtype=np.float32 is for pictures only: several times faster, about 7 digits."""
        W, b = self.W, self.b
        if dtype != np.float64:
            X = X.astype(dtype)
            W = [None] + [w.astype(dtype) for w in W[1:]]
            b = [None] + [v.astype(dtype) for v in b[1:]]
        return backprop.forward_propagation(X, W, b, self.g, Y)

    def gradients(self, X, Y, l2=0.0):
        """Forward, cost and backward on (X, Y); returns the Cache with J, dW and db."""
        cache = self.forward(X, Y)
        return backprop.backward_propagation(cache, self.W, self.g, l2)

    def cost(self, X, Y, l2=0.0):
        """J(W, b) on (X, Y); nan when there are no examples."""
        if X.shape[1] == 0:
            return float("nan")
        return backprop.cost(self.forward(X).Z[self.L], Y, self.W, l2)

    def predict_proba(self, X, dtype=np.float64):
        """A[L] = P(y = 1 | x) for each column of X: shape (1, m)."""
        return self.forward(X, dtype=dtype).A[self.L]
