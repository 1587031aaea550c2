"""The network's parameters and the equations of one layer, forward and backward.

Symbols follow the course: for l = 1..L, W[l] is (n_l, n_{l-1}) and b[l] is (n_l, 1);
A[0] = X is (n_x, m); every Z[l], A[l], dZ[l], dA[l] is (n_l, m). Lists are indexed by
l itself, so index 0 of W, b, Z, dZ, dW and db is unused (None) and `W[l]` in the code
is W[l] in the equations.
"""
from types import SimpleNamespace

import numpy as np

from .activations import ACTIVATIONS
from .initialisers import INITIALISERS
from .losses import l2_penalty, losses_steps, mean_loss, underflow_is_zero
from .parameters import flat_zeros
from .steps import run_steps
from .workspace import Workspace


class Network:
    """An L-layer binary classifier whose output layer is one sigmoid unit."""

    def __init__(self, layer_sizes, activations, W, b):
        """W, b: lists indexed by l (index 0 unused) with the starting values."""
        self.layer_sizes = tuple(layer_sizes)
        self.activation_names = tuple(activations)
        self.g = [None] + [ACTIVATIONS[name] for name in activations]
        self.theta, self.Wb, self.W, self.b = flat_zeros(self.layer_sizes)
        for l in range(1, self.L + 1):
            self.W[l][...] = W[l]
            self.b[l][...] = b[l]
        # update_steps keep the parameters from before them here, for undo_update.
        self._theta_before = self.theta.copy()
        self._step = np.empty_like(self.theta)

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

    # --- one layer at a time, as steps (steps.py) bound to a workspace's buffers ---

    def forward_steps(self, ws, l, Wb=None):
        """Z[l] = W[l] A[l-1] + b[l];  A[l] = g[l](Z[l]).

        The first line is one product: [W[l] b[l]] times A[l-1] over a row of ones.
        Wb: the blocks [W b] to use, if not the network's own (e.g. in float32).
        """
        return ((np.dot, ((Wb or self.Wb)[l], ws.A1[l - 1], ws.Z[l])),
                *self.g[l].function_steps(ws.Z[l], ws.A[l]))

    def backward_steps(self, ws, l, settings):
        """dZ[l], then dW[l], db[l] and dA[l-1] for layer l (run for l = L down to 1).

        dZ[l] = dA[l] * g'(Z[l])           (for l = L: dZ[L] = A[L] - Y)
        dW[l] = (1/m) dZ[l] A[l-1]^T + (lambda/m) W[l]
        db[l] = (1/m) sum over the examples of dZ[l]
        dA[l-1] = W[l]^T dZ[l]             (not needed for l = 1: dA[0] is unused)
        lambda is settings.l2, read each time the steps run; while it is 0 when the steps
        are built, they leave out the lambda term (build them again when it changes).
        """
        dZ = ws.dZ[l]
        if l == self.L:
            # Sigmoid output with cross-entropy: dJ/dA = (A - Y) / (A (1 - A)) and
            # sigma'(Z) = A (1 - A) cancel, leaving A - Y (per example; 1/m comes below).
            steps = [(np.subtract, (ws.A[l], ws.Y, dZ))]
        else:
            steps = [*self.g[l].derivative_steps(ws.Z[l], ws.A[l], dZ),
                     (np.multiply, (dZ, ws.dA[l], dZ))]
        # Against A[l-1] over a row of ones, one product gives [dW[l] db[l]] times m.
        steps += [(np.dot, (dZ, ws.A1[l - 1].T, ws.dWb[l])),
                  (np.multiply, (ws.dWb[l], ws.one_over_m, ws.dWb[l]))]
        if settings.l2:
            steps.append((self._add_weight_decay, (ws, l, settings)))
        if l > 1:
            # [W[l] b[l]]^T dZ[l]: its top rows are W[l]^T dZ[l]; its last row goes unused.
            steps.append((np.dot, (self.Wb[l].T, dZ, ws.dA1[l - 1])))
        return steps

    def _add_weight_decay(self, ws, l, settings):
        ws.dW[l] += (settings.l2 / ws.m) * self.W[l]

    def backward_layer(self, ws, l, l2):
        run_steps(self.backward_steps(ws, l, SimpleNamespace(l2=l2)))

    def cost_steps(self, ws, settings):
        """J = (1/m) sum over examples of log(1 + e^s), s = (1 - 2Y) Z[L], + L2 term.

        (losses.py explains the form.) lambda is settings.l2, read as the steps run."""
        return (*losses_steps(ws.Z[self.L], ws.signs, ws.losses),
                (self._total_cost, (ws, settings)))

    def _total_cost(self, ws, settings):
        ws.J = mean_loss(ws.losses) + l2_penalty(self.W, settings.l2, ws.m)

    def batch_cost(self, ws, l2):
        """J on the workspace's batch, from Z[L] so that it never takes log(0)."""
        with underflow_is_zero():
            run_steps(self.cost_steps(ws, SimpleNamespace(l2=l2)))
        return ws.J

    def update_steps(self, ws, alpha):
        """W[l] = W[l] - alpha dW[l];  b[l] = b[l] - alpha db[l], for every layer at once.

        alpha: a 0-d array holding the learning rate, read as the steps run. The values
        from before are kept until the next update, for undo_update.
        """
        return ((np.copyto, (self._theta_before, self.theta)),
                (np.multiply, (ws.gradient, alpha, self._step)),
                (np.subtract, (self.theta, self._step, self.theta)))

    def undo_update(self):
        """Go back to the parameters from before the last update_steps ran."""
        np.copyto(self.theta, self._theta_before)

    # --- whole passes, for metrics, views and the gradient check ----------------

    def forward(self, X, Y=None, for_backward=False, dtype=np.float64):
        """Run every layer on X (n_x, m); returns the filled Workspace.

        Without for_backward, the workspace has no buffers for a backward pass.
        dtype=np.float32 is for pictures only: several times faster, about 7 digits."""
        ws = Workspace(self.layer_sizes, X.shape[1], for_backward, dtype)
        ws.set_batch(X, Y)
        Wb = None if dtype == np.float64 else [None] + [w.astype(dtype) for w in self.Wb[1:]]
        for l in range(1, self.L + 1):
            run_steps(self.forward_steps(ws, l, Wb))
        return ws

    def gradients(self, X, Y, l2=0.0):
        """Forward, cost and backward on (X, Y); returns the Workspace with J, dW, db."""
        ws = self.forward(X, Y, for_backward=True)
        self.batch_cost(ws, l2)
        for l in range(self.L, 0, -1):
            self.backward_layer(ws, l, l2)
        return ws

    def cost(self, X, Y, l2=0.0):
        """J(W, b) on (X, Y)."""
        return self.batch_cost(self.forward(X, Y), l2)

    def predict_proba(self, X, dtype=np.float64):
        """A[L] = P(y = 1 | x) for each column of X: shape (1, m)."""
        return self.forward(X, dtype=dtype).A[self.L]
