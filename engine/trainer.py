"""Gradient descent that can advance by one phase, one update, one epoch or N updates.

Every way of advancing runs the very same phase functions in the same order, so stepping
phase by phase gives bit-identical parameters to a whole update, and to run(N).
"""
import math

import numpy as np

from .config import ConfigError, check_batch_size, check_l2, check_learning_rate
from .history import GrowingArray
from .network import Network
from .phases import PhaseRecord, phase_count, phase_specs
from .steps import run_steps
from .workspace import Workspace, stack_batch

# A mean cross-entropy this large means the logits are off by hundreds: the steps have
# overshot and the weights are running away, so training stops before they reach inf.
EXPLODING_COST = 1e3


class TrainingDiverged(ArithmeticError):
    """The cost became non-finite or exploded; the parameters were rolled back."""

    def __init__(self, update, cost, learning_rate):
        self.update = update
        self.cost = cost
        what = "is not a number" if math.isnan(cost) else (
            "became infinite" if math.isinf(cost) else f"exploded to {cost:.3g}")
        super().__init__(
            f"Training diverged at update {update}: the cost {what} "
            f"(learning rate {learning_rate:g}). The weights are back where they were before "
            f"the cost blew up. Try a smaller learning rate.")


class UpdateSteps:
    """A workspace for batches of one size, with the steps of each phase bound to it."""

    def __init__(self, ws, phases):
        self.ws = ws
        self.phases = phases  # one tuple of steps per phase, in order
        self.whole_update = tuple(step for phase in phases for step in phase)
        self.loaded = None    # (rows, first column) of the batch in ws


class Trainer:
    """Trains a Network on a Dataset by gradient descent.

    dataset: an engine Dataset (X_train (n_x, m), Y_train (1, m), X_test, Y_test).
    model: a ModelConfig whose layer_sizes[0] equals the dataset's n_x.
    train: a TrainConfig (learning rate, L2 lambda, batch size; 0 = full batch).
    """

    def __init__(self, dataset, model, train):
        if model.layer_sizes[0] != dataset.n_x:
            raise ConfigError(
                f"the input layer has {model.layer_sizes[0]} units but the data has "
                f"{dataset.n_x} features; make the first layer size {dataset.n_x}")
        self.dataset = dataset
        self.model = model
        self._alpha = np.zeros(())  # the learning rate, as the update steps read it
        self.learning_rate = train.learning_rate
        self.l2 = train.l2
        self._batch_size = train.batch_size
        self.specs = phase_specs(model.activations)
        self.reset()

    # --- state ------------------------------------------------------------------

    def reset(self):
        """Back to the initial weights of this seed, update 0, an empty history."""
        self.rng = np.random.default_rng(self.model.seed)
        self.network = Network.initialise(self.model, self.rng)
        self._all_rows = stack_batch(self.dataset.X_train, self.dataset.Y_train)
        self.update_count = 0
        self.epoch_count = 0
        self.phase = 0
        self.batch_index = 0
        self.costs = GrowingArray()
        # Update numbers at which an epoch ended; float32 holds them exactly up to 16 M
        # and a million of them take 4 MB (a Python list of ints would take 36).
        self.epoch_ends = GrowingArray(dtype=np.float32)
        self._steps_by_batch_size = {}
        self._steps = None
        self._ws = None
        self._gradient_ws = None
        self._pending_batch_size = None
        self._start_epoch()

    @property
    def L(self):
        return self.network.L

    @property
    def phases_per_update(self):
        return phase_count(self.network.L)

    @property
    def batch_size(self):
        """The batch size in force (0 = full batch)."""
        return self._batch_size

    @property
    def updates_per_epoch(self):
        return len(self._batch_starts)

    @property
    def last_workspace(self):
        """The Workspace of the most recent completed backward pass, or None."""
        return self._gradient_ws

    @property
    def learning_rate(self):
        return float(self._alpha)

    @learning_rate.setter
    def learning_rate(self, value):
        self._alpha[...] = value

    def set_learning_rate(self, value):
        self.learning_rate = check_learning_rate(value)

    def set_l2(self, value):
        before, self.l2 = self.l2, check_l2(value)
        if (before == 0) != (self.l2 == 0):
            self._rebuild_steps()  # the backward steps leave the lambda term out at 0

    def set_batch_size(self, value):
        """Takes effect at the start of the next update, with a freshly shuffled epoch."""
        self._pending_batch_size = check_batch_size(value)
        if self.phase == 0:
            self._apply_pending_batch_size()

    # --- advancing --------------------------------------------------------------

    def step_phase(self):
        """Run exactly one phase; returns its PhaseRecord."""
        spec = self.specs[self.phase]
        with np.errstate(all="ignore"):
            if self.phase == 0:
                self._begin_batch()
            reads = {name: self._frozen(name) for name in spec.reads}
            update, lr = self.update_count, self.learning_rate
            run_steps(self._steps.phases[self.phase])
            writes = {name: self._frozen(name) for name in spec.writes}
        record = PhaseRecord(spec, update, self._ws.m, lr, self.l2, reads, writes)
        self._advance_phase()
        return record

    def step_update(self):
        """Finish the current update (all of it, if none of it has run yet)."""
        self.run(1)

    def step_epoch(self):
        """Run updates until the current epoch ends."""
        start = self.epoch_count
        while self.epoch_count == start:
            self.run(1)

    def run(self, n, keep_going=None):
        """Complete n updates as fast as possible (the first may be partly done).

        keep_going: optional callable asked before each update; when it returns False
        the run stops early. Returns the number of updates completed.
        """
        with np.errstate(all="ignore"):
            for done in range(int(n)):
                if keep_going is not None and not keep_going():
                    return done
                if self.phase == 0:
                    self._begin_batch()
                    steps = self._steps.whole_update
                else:
                    steps = [s for phase in self._steps.phases[self.phase:] for s in phase]
                for function, args in steps:  # run_steps, inlined: this is the hot loop
                    function(*args)
                self._end_update()
        return int(n)

    def _advance_phase(self):
        self.phase += 1
        if self.phase == self.phases_per_update:
            self._end_update()

    # --- the phases -------------------------------------------------------------

    def _update_steps(self, ws):
        """UpdateSteps for ws: forward 1..L, cost, backward L..1, update."""
        net, L = self.network, self.network.L
        # The steps read self.l2 and self._alpha as they run, so both can change live.
        phases = ([tuple(net.forward_steps(ws, l)) for l in range(1, L + 1)] +
                  [(*net.cost_steps(ws, self), (self._check_cost, (ws,)))] +
                  [tuple(net.backward_steps(ws, l, self)) for l in range(L, 0, -1)] +
                  [net.update_steps(ws, self._alpha)])
        return UpdateSteps(ws, phases)

    def _rebuild_steps(self):
        """New steps for every workspace, keeping the workspaces and their batches."""
        for m, old in self._steps_by_batch_size.items():
            new = self._steps_by_batch_size[m] = self._update_steps(old.ws)
            new.loaded = old.loaded
            if self._steps is old:
                self._steps = new

    def _check_cost(self, ws):
        J = ws.J
        if not J <= EXPLODING_COST:  # also true for nan
            # The cost of the parameters before the last update was finite (it passed
            # this test), so those are the ones to keep.
            if self.update_count > 0:
                self.network.undo_update()
            self.phase = 0
            raise TrainingDiverged(self.update_count, J, self.learning_rate)

    # --- batches and epochs -----------------------------------------------------

    def _start_epoch(self):
        """Shuffle the training set for a new epoch (not needed for full batch)."""
        m = self._all_rows.shape[1]
        size = self._batch_size if 0 < self._batch_size < m else m
        if size == m:
            self._epoch_rows = self._all_rows
        else:
            self._epoch_rows = self._all_rows[:, self.rng.permutation(m)]
        self._batch_starts = range(0, m, size)
        self._batch_len = size

    def _begin_batch(self):
        start = self._batch_starts[self.batch_index]
        rows = self._epoch_rows
        m = min(self._batch_len, rows.shape[1] - start)
        steps = self._steps_by_batch_size.get(m)
        if steps is None:
            ws = Workspace(self.network.layer_sizes, m)
            steps = self._steps_by_batch_size[m] = self._update_steps(ws)
        # A full batch stays loaded from one update to the next.
        if steps.loaded is None or steps.loaded[0] is not rows or steps.loaded[1] != start:
            steps.ws.load_batch(rows[:, start:start + m])
            steps.loaded = (rows, start)
        self._steps = steps
        self._ws = steps.ws

    def _end_update(self):
        self.phase = 0
        self.update_count += 1
        self._gradient_ws = self._ws
        self.costs.append(self._ws.J)
        self.batch_index += 1
        if self.batch_index == len(self._batch_starts):
            self.batch_index = 0
            self.epoch_count += 1
            self.epoch_ends.append(self.update_count)
            if self._pending_batch_size is None:
                self._start_epoch()
        if self._pending_batch_size is not None:
            self._apply_pending_batch_size()

    def _apply_pending_batch_size(self):
        self._batch_size = self._pending_batch_size
        self._pending_batch_size = None
        self.batch_index = 0
        self._start_epoch()

    # --- looking at values by their symbol ---------------------------------------

    def value(self, name):
        """The current value of a symbol such as "W[2]", "dZ[1]", "A[0]", "Y" or "J"."""
        if name == "J":
            return np.array(self._ws.J)
        if name == "Y":
            return self._ws.Y
        symbol, l = name[:-1].split("[")
        l = int(l)
        if symbol in ("W", "b"):
            return getattr(self.network, symbol)[l]
        return getattr(self._ws, symbol)[l]

    def _frozen(self, name):
        v = np.array(self.value(name), dtype=np.float64, copy=True)
        v.flags.writeable = False
        return v
