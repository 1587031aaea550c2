"""Whole updates of a Network as prebuilt steps: the fast route of engine/fast/__init__.py.

Each phase below does what the function of engine/backprop.py named in its docstring
does, into a Workspace's buffers; tests/engine/test_fast_path.py holds them to it.
"""
import numpy as np

from .activation_steps import ACTIVATION_STEPS
from .steps import constant
from .workspace import Workspace

_ZERO = constant(0.0)


class UpdateSteps:
    """A workspace for batches of one size, with the steps of each phase bound to it."""

    def __init__(self, ws, phases):
        self.ws = ws
        self.phases = phases  # one tuple of steps per phase, in the trainer's order
        self.whole_update = tuple(step for phase in phases for step in phase)
        self.loaded = None    # (rows, first column) of the batch in ws


class FastPath:
    """Runs updates of `network` with steps built once per batch size.

    settings.l2 (lambda) and alpha (a 0-d array holding the learning rate) are read as the
    steps run, so both can change between updates; call rebuild() when lambda moves to or
    from 0, since the steps leave the lambda term out while it is 0.
    check_cost(J) runs right after the cost, before anything is changed; it may raise.
    """

    def __init__(self, network, settings, alpha, check_cost):
        self.network = network
        self.settings = settings
        self.alpha = alpha
        self.check_cost = check_cost
        self._by_batch_size = {}
        self._step = np.empty_like(network.theta)  # alpha * the gradient

    def steps_for(self, rows, start, m):
        """The UpdateSteps for a batch of m columns of rows from start, with it loaded.

        rows: made by workspace.stack_batch; a batch already loaded is not copied again."""
        steps = self._by_batch_size.get(m)
        if steps is None:
            ws = Workspace(self.network.layer_sizes, m)
            steps = self._by_batch_size[m] = self._build(ws)
        if steps.loaded is None or steps.loaded[0] is not rows or steps.loaded[1] != start:
            steps.ws.load_batch(rows[:, start:start + m])
            steps.loaded = (rows, start)
        return steps

    def rebuild(self):
        """New steps for every workspace, keeping the workspaces and their batches."""
        for m, old in self._by_batch_size.items():
            new = self._by_batch_size[m] = self._build(old.ws)
            new.loaded = old.loaded

    def _build(self, ws):
        L = self.network.L
        phases = ([self.forward(ws, l) for l in range(1, L + 1)] + [self.cost(ws)] +
                  [self.backward(ws, l) for l in range(L, 0, -1)] + [self.update(ws)])
        return UpdateSteps(ws, phases)

    # --- one phase each, as steps --------------------------------------------------

    def forward(self, ws, l):
        """backprop.forward_layer: Z[l] = [W[l] b[l]] [A[l-1]; 1], then A[l] = g(Z[l])."""
        g = ACTIVATION_STEPS[self.network.activation_names[l - 1]][0]
        return ((np.dot, (self.network.Wb[l], ws.A1[l - 1], ws.Z[l])), *g(ws.Z[l], ws.A[l]))

    def cost(self, ws):
        """backprop.cost: each loss log(1 + e^s), s = (1 - 2Y) Z[L], then their mean + L2."""
        L = self.network.L
        return ((np.multiply, (ws.signs, ws.Z[L], ws.losses)),
                (np.logaddexp, (_ZERO, ws.losses, ws.losses)),
                (self._total_cost_then_check, (ws,)))

    def backward(self, ws, l):
        """backprop.backward_layer: dZ[l], then [dW[l] db[l]] in one product, then dA[l-1]."""
        net, dZ = self.network, ws.dZ[l]
        if l == net.L:
            steps = [(np.subtract, (ws.A[l], ws.Y, dZ))]
        else:
            g_prime = ACTIVATION_STEPS[net.activation_names[l - 1]][1]
            steps = [*g_prime(ws.Z[l], ws.A[l], dZ), (np.multiply, (ws.dA[l], dZ, dZ))]
        steps += [(np.dot, (dZ, ws.A1[l - 1].T, ws.dWb[l])),
                  (np.multiply, (ws.dWb[l], ws.one_over_m, ws.dWb[l]))]
        if self.settings.l2:
            steps.append((self._add_weight_decay, (ws, l)))
        if l > 1:
            # [W[l] b[l]]^T dZ[l]: its top rows are W[l]^T dZ[l]; its last row goes unused.
            steps.append((np.dot, (net.Wb[l].T, dZ, ws.dA1[l - 1])))
        return tuple(steps)

    def update(self, ws):
        """backprop.update_parameters for every layer at once, on the flat parameters."""
        net = self.network
        return ((np.multiply, (self.alpha, ws.gradient, self._step)),
                (np.subtract, (net.theta, self._step, net.theta)))

    # --- the few steps that are plain Python ---------------------------------------

    def _total_cost_then_check(self, ws):
        m, lambd, W = ws.m, self.settings.l2, self.network.W
        J = np.add.reduce(ws.losses, axis=None) / m
        if lambd:
            J += lambd / (2 * m) * sum(np.sum(W[l] ** 2) for l in range(1, len(W)))
        ws.J = float(J)
        self.check_cost(ws.J)

    def _add_weight_decay(self, ws, l):
        ws.dW[l] += (self.settings.l2 / ws.m) * self.network.W[l]
