"""The network's parameters and the equations of one layer, forward and backward.

Symbols follow the course: for l = 1..L, W[l] is (n_l, n_{l-1}) and b[l] is (n_l, 1);
A[0] = X is (n_x, m); every Z[l], A[l], dZ[l], dA[l] is (n_l, m). Lists are indexed by
l itself, so index 0 of W, b, Z, dZ, dW and db is unused (None) and `W[l]` in the code
is W[l] in the equations.
"""
import numpy as np

from .activations import ACTIVATIONS
from .initialisers import INITIALISERS
from .losses import cost
from .parameters import flat_zeros
from .workspace import Workspace


class Network:
    """An L-layer binary classifier whose output layer is one sigmoid unit."""

    def __init__(self, layer_sizes, activations, W, b):
        """W, b: lists indexed by l (index 0 unused) with the starting values."""
        self.layer_sizes = tuple(layer_sizes)
        self.activation_names = tuple(activations)
        self.g = [None] + [ACTIVATIONS[name] for name in activations]
        self._theta, self.W, self.b = flat_zeros(self.layer_sizes)
        for l in range(1, self.L + 1):
            self.W[l][...] = W[l]
            self.b[l][...] = b[l]
        # apply_update writes the new parameters into this second block and swaps it in,
        # so the parameters from before the last update stay available without a copy.
        self._theta_before, self.W_before, self.b_before = flat_zeros(self.layer_sizes)
        self._theta_before[...] = self._theta
        self._step = np.empty_like(self._theta)

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
        return self._theta.size

    def copy(self):
        """A network with copies of these parameters."""
        return Network(self.layer_sizes, self.activation_names,
                       [None] + [w.copy() for w in self.W[1:]],
                       [None] + [v.copy() for v in self.b[1:]])

    # --- forward ---------------------------------------------------------------

    def forward_layer(self, ws, l):
        """Z[l] = W[l] A[l-1] + b[l];  A[l] = g[l](Z[l])."""
        np.dot(self.W[l], ws.A[l - 1], out=ws.Z[l])
        ws.Z[l] += self.b[l]
        self.g[l].function(ws.Z[l], out=ws.A[l])

    def batch_cost(self, ws, l2, guard=True):
        """J on the workspace's batch, from Z[L] so that it never takes log(0).

        guard=False is for callers that already ignore floating-point warnings."""
        ws.J = cost(ws.Z[self.L], ws.Y, self.W, l2, signs=ws.signs, guard=guard)
        return ws.J

    # --- backward --------------------------------------------------------------

    def backward_layer(self, ws, l, l2):
        """dZ[l], then dW[l], db[l] and dA[l-1] for layer l (run for l = L down to 1).

        dZ[l] = dA[l] * g'(Z[l])           (for l = L: dZ[L] = A[L] - Y)
        dW[l] = (1/m) dZ[l] A[l-1]^T + (lambda/m) W[l]
        db[l] = (1/m) sum over the examples of dZ[l]
        dA[l-1] = W[l]^T dZ[l]             (not needed for l = 1: dA[0] is unused)
        """
        m = ws.m
        if l == self.L:
            # Sigmoid output with cross-entropy: dJ/dA = (A - Y) / (A (1 - A)) and
            # sigma'(Z) = A (1 - A) cancel, leaving A - Y (per example; 1/m comes below).
            np.subtract(ws.A[l], ws.Y, out=ws.dZ[l])
        else:
            self.g[l].derivative(ws.Z[l], ws.A[l], out=ws.dZ[l])
            ws.dZ[l] *= ws.dA[l]
        np.dot(ws.dZ[l], ws.A[l - 1].T, out=ws.dW[l])
        ws.dW[l] *= 1.0 / m
        if l2:
            ws.dW[l] += (l2 / m) * self.W[l]
        np.dot(ws.dZ[l], ws.one_over_m, out=ws.db[l])
        if l > 1:
            np.dot(self.W[l].T, ws.dZ[l], out=ws.dA[l - 1])

    def apply_update(self, ws, learning_rate):
        """W[l] = W[l] - alpha dW[l];  b[l] = b[l] - alpha db[l], for every layer at once.

        The values from before stay in W_before / b_before until the next update.
        """
        np.multiply(ws.gradient, learning_rate, out=self._step)
        np.subtract(self._theta, self._step, out=self._theta_before)
        self._swap()

    def undo_update(self):
        """Go back to the parameters from before the last apply_update."""
        self._swap()

    def _swap(self):
        self._theta, self._theta_before = self._theta_before, self._theta
        self.W, self.W_before = self.W_before, self.W
        self.b, self.b_before = self.b_before, self.b

    # --- whole passes, for metrics, views and the gradient check ----------------

    def forward(self, X, Y=None):
        """Run every layer on X (n_x, m); returns the filled Workspace."""
        ws = Workspace(self.layer_sizes, X.shape[1])
        ws.set_batch(X, Y)
        for l in range(1, self.L + 1):
            self.forward_layer(ws, l)
        return ws

    def gradients(self, X, Y, l2=0.0):
        """Forward, cost and backward on (X, Y); returns the Workspace with J, dW, db."""
        ws = self.forward(X, Y)
        self.batch_cost(ws, l2)
        for l in range(self.L, 0, -1):
            self.backward_layer(ws, l, l2)
        return ws

    def cost(self, X, Y, l2=0.0):
        """J(W, b) on (X, Y)."""
        return self.batch_cost(self.forward(X, Y), l2)

    def predict_proba(self, X):
        """A[L] = P(y = 1 | x) for each column of X: shape (1, m)."""
        return self.forward(X).A[self.L]
