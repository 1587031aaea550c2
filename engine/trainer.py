"""Gradient descent that can advance by one phase, one update, one epoch or N updates.

Stepping runs the functions of engine/backprop.py one phase at a time and records what
each read and wrote. Running N updates takes the fast route (engine/fast/), which gives
the same numbers to rounding (tests/engine/test_fast_path.py); fast=False makes it run
the readable functions too.
"""
import math

import numpy as np

from . import backprop
from .config import ConfigError, check_batch_size, check_l2, check_learning_rate
from .epoch_ends import EpochEnds
from .fast.fast_path import FastPath
from .fast.workspace import stack_batch
from .folded_history import FoldedHistory
from .network import Network
from .parameter_path import ParameterPath, has_two_parameters
from .phases import BACKWARD, COST, FORWARD, PhaseRecord, phase_count, phase_specs
from .rewind import Epoch, EpochRecipe, UpdateStarts

# A mean cross-entropy this large means the logits are off by hundreds: the steps have
# overshot and the weights are running away, so training stops before they reach inf.
# A model that starts above it is stopped only at ten times its starting cost.
EXPLODING_COST = 1e3


class TrainingDiverged(ArithmeticError):
    """The cost became non-finite or exploded; the parameters were rolled back.

    update: the update whose step made the cost explode (undone, unless undone is False:
    only when one has stepped back as far as the trainer keeps), or 0 when the starting
    weights already give such a cost (nothing to undo)."""

    def __init__(self, update, cost, learning_rate, undone=True):
        self.update = update
        self.cost = cost
        self.undone = undone
        what = "is not a number" if math.isnan(cost) else (
            "is infinite" if math.isinf(cost) else f"is {cost:.3g}")
        if update == 0:
            message = (
                f"The cost {what} with the starting weights, before any update, so the "
                f"learning rate is not the cause. Try smaller starting weights (init small "
                f"or xavier) or inputs scaled to about -1 to 1.")
        elif undone:
            message = (
                f"Training diverged at update {update}: after it the cost {what} "
                f"(learning rate {learning_rate:g}). That update was undone: the weights are "
                f"back where they were before it. Try a smaller learning rate.")
        else:
            message = (
                f"The cost {what} after update {update}, the oldest the stepper keeps, so "
                f"it cannot be undone (learning rate {learning_rate:g}). Try a smaller "
                f"learning rate or L2 lambda, or press R to start again.")
        super().__init__(message)


class Trainer:
    """Trains a Network on a Dataset by gradient descent.

    dataset: an engine Dataset (X_train (n_x, m), Y_train (1, m), X_test, Y_test).
    model: a ModelConfig whose layer_sizes[0] equals the dataset's n_x.
    train: a TrainConfig (learning rate, L2 lambda, batch size; 0 = full batch).
    fast: whether run() takes the fast route (stepping never does).
    """

    def __init__(self, dataset, model, train, fast=True):
        if model.layer_sizes[0] != dataset.n_x:
            raise ConfigError(
                f"the input layer has {model.layer_sizes[0]} units but the data has "
                f"{dataset.n_x} features; make the first layer size {dataset.n_x}")
        self.dataset = dataset
        self.model = model
        self.fast = fast
        self._alpha = np.zeros(())  # the learning rate, as the fast route reads it
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
        self._fast_path = FastPath(self.network, self, self._alpha, self._check_cost)
        self._all_rows = stack_batch(self.dataset.X_train, self.dataset.Y_train)
        self.update_count = 0
        self.epoch_count = 0
        self.phase = 0
        self.batch_index = 0
        # The cost of every update and where epochs ended, in memory that does not grow
        # with the run: the newest costs exactly, older ones as min/max blocks.
        self.costs = FoldedHistory()
        self.epoch_ends = EpochEnds()
        self._cache = None            # the readable route's Cache of the current update
        self._last_gradients = None   # a Cache or fast Workspace with dZ, dW, db
        self._explosion_limit = None  # set by the first update's cost
        self._pending_batch_size = None
        # The PhaseRecords of the update being stepped (or the one just stepped through).
        self.phase_records = []
        self._epoch = None
        self._start_epoch()
        self._starts = UpdateStarts(self.network.parameter_count())
        self._save_start()
        # (β0, β1) after every update, kept only where the loss surface can show it.
        self.path = ParameterPath(self.network.theta) if has_two_parameters(self.network) \
            else None

    def start_from(self, theta):
        """Begin from the parameters theta (flat, as network.theta) instead of the seed's
        starting weights, so runs with different settings share one start. Only before
        the first phase of the first update."""
        if self.update_count or self.phase:
            raise ValueError("the start can be set only before the first update")
        theta = np.asarray(theta, dtype=np.float64)
        if theta.shape != self.network.theta.shape:
            raise ValueError(f"this model has {self.network.theta.size} parameters, "
                             f"got {theta.size}")
        self.network.theta[...] = theta
        self._save_start()
        if self.path is not None:
            self.path = ParameterPath(self.network.theta)

    def draw_batches_from(self, rng_state):
        """Draw the batch order from the random generator state rng_state (the one another
        run had after making its starting weights) instead of this run's own, so that
        runs with different initialisations see the same batches. Only before the first
        phase of the first update."""
        if self.update_count or self.phase:
            raise ValueError("the batch order can be set only before the first update")
        self.rng.bit_generator.state = rng_state
        self._epoch = None
        self._start_epoch()
        self._save_start()

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
        return len(self._epoch.starts)

    def batch_examples(self):
        """The training-example index of each column of the current update's batch
        (the one being stepped, or the next one), read-only."""
        _, start, m = self._batch_columns()
        order = self._epoch.order
        if order is None:
            order = np.arange(start, start + m)
            order.flags.writeable = False
            return order
        return order[start:start + m]

    @property
    def last_gradients(self):
        """dZ[l], dW[l], db[l] (lists indexed by l) of the last completed update, or None."""
        return self._last_gradients

    def current_batch(self):
        """(X, Y) of the update under way, or of the next one when none is: read-only
        views (n_x, m) and (1, m) into the training data."""
        if self.phase > 0:
            X, Y = self._cache.A[0], self._cache.Y
        else:
            X, Y = self._batch_XY(*self._batch_columns())
        X, Y = X.view(), Y.view()
        X.flags.writeable = Y.flags.writeable = False
        return X, Y

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
            self._fast_path.rebuild()  # its steps leave the lambda term out at 0

    def set_batch_size(self, value):
        """Takes effect at the start of the next update, with a freshly shuffled epoch."""
        self._pending_batch_size = check_batch_size(value)
        if self.phase == 0:
            self._apply_pending_batch_size()

    # --- advancing --------------------------------------------------------------

    def step_phase(self):
        """Run exactly one phase with the readable functions; returns its PhaseRecord."""
        spec = self.specs[self.phase]
        with np.errstate(all="ignore"):
            if self.phase == 0:
                self._cache = backprop.Cache.start(*self._begin_batch(), self.L)
                self.phase_records = []
            reads = {name: self._frozen(name) for name in spec.reads}
            update, lr, m = self.update_count, self.learning_rate, self._cache.m
            examples = self.batch_examples()
            self._run_phase(spec)
            writes = {name: self._frozen(name) for name in spec.writes}
        record = PhaseRecord(spec, update, m, lr, self.l2, reads, writes, examples)
        self.phase_records.append(record)
        self._advance_phase()
        return record

    def step_update(self):
        """Finish the current update (all of it, if none of it has run yet) with the
        readable functions, as stepping phase by phase does: after a step back, stepping
        forward either way gives the very same numbers. The rest of an update begun
        phase by phase is stepped, so that each of its phases has a record."""
        if self.phase == 0:
            self.run(1, readable=True)
            return
        while self.phase:
            self.step_phase()

    # --- stepping back ------------------------------------------------------------

    def updates_back(self):
        """How many whole updates one can step back from here (the start of the
        current update counts as the first if some of its phases have run)."""
        oldest = self._starts.oldest()
        if oldest is None:
            return 0
        return self.update_count - oldest + (1 if self.phase else 0)

    def can_step_back(self):
        return self.phase > 0 or self.updates_back() > 0

    def step_back_phase(self):
        """Undo the last phase; returns the record of the phase before it (None at the
        start of an update). Raises IndexError when that start is no longer kept."""
        if self.phase > 0:
            return self._go_to(self.update_count, self.phase - 1)
        return self._go_to(self.update_count - 1, self.phases_per_update - 1)

    def step_back_update(self):
        """Back to the start of the current update, or of the previous one when at a
        start. Raises IndexError when that start is no longer kept."""
        return self._go_to(self.update_count if self.phase else self.update_count - 1, 0)

    def _go_to(self, update, phase):
        """Restore the start of update `update + 1` and run `phase` phases of it again;
        the same numbers as the first time, since the same functions run on them."""
        if update < 0:
            raise IndexError("this is the start of the run: there is nothing before it")
        start = self._starts.restore(update, self.network.theta)
        batch_size_wanted = (self._batch_size if self._pending_batch_size is None
                             else self._pending_batch_size)
        while self.update_count > update:
            self.costs.pop()
            if self.path is not None:
                self.path.pop()
            self.update_count -= 1
        while self.epoch_ends.last() > update:
            self.epoch_ends.pop()
        self.epoch_count, self.batch_index = start.epoch_count, start.batch_index
        self._batch_size, self._pending_batch_size = start.batch_size, None
        if start.epoch is not self._epoch.recipe:
            self._epoch = self._shuffled(start.epoch)
        self._cache = self._last_gradients = None
        self.phase, self.phase_records = 0, []
        if batch_size_wanted != start.batch_size:
            # Set since that start: it applies from the next update on, as set_batch_size does.
            self._pending_batch_size = batch_size_wanted
        record = None
        for _ in range(phase):
            record = self.step_phase()
        return record

    def step_epoch(self, keep_going=None):
        """Run updates until the current epoch ends; returns how many were done.

        keep_going: as for run(); when it returns False the epoch is left unfinished,
        and the next call carries on with it."""
        start, done = self.epoch_count, 0
        while self.epoch_count == start and (keep_going is None or keep_going()):
            done += self.run(1)
        return done

    def run(self, n, keep_going=None, readable=False):
        """Complete n updates (the first may be partly done); returns how many were done.

        keep_going: optional callable asked before each update; when it returns False
        the run stops early. readable: run the functions of engine/backprop.py even where
        the fast route would (as stepping does). Raises TrainingDiverged if an update made
        the cost explode; the last update's result is checked before returning."""
        done = 0
        with np.errstate(all="ignore"):
            while done < n and (keep_going is None or keep_going()):
                if self.phase == 0:
                    self.phase_records = []
                if self.phase == 0 and self.fast and not readable:
                    self._fast_update()
                else:
                    self._readable_update()
                done += 1
            if done:  # the cost after the last update, on the batch that update used
                self._check_cost(self.network.cost(*self._batch_XY(*self._columns),
                                                   self.l2))
        return done

    def _fast_update(self):
        rows, start, m = self._columns = self._batch_columns()
        steps = self._fast_path.steps_for(rows, start, m)
        for function, args in steps.whole_update:  # the hot loop
            function(*args)
        self._last_gradients = steps.ws
        self._end_update(steps.ws.J)

    def _readable_update(self):
        """The rest of the current update (or a whole one) with the readable functions."""
        if self.phase > 0:
            for spec in self.specs[self.phase:]:
                self._run_phase(spec)
            self._finish_update()
            return
        net, lambd = self.network, self.l2
        X, Y = self._begin_batch()
        # Let go of the last update's arrays first, so that NumPy can reuse their memory.
        self._cache = self._last_gradients = None
        cache = self._cache = backprop.forward_propagation(X, net.W, net.b, net.g, Y)
        cache.J = backprop.cost(cache.Z[net.L], Y, net.W, lambd)
        self._check_cost(cache.J)
        for l in range(net.L, 0, -1):
            backprop.backward_layer(cache, l, net.W, net.g, lambd)
        backprop.update_parameters(net.W, net.b, cache.dW, cache.db, self.learning_rate)
        self._finish_update()

    def _save_start(self):
        self._starts.save(self.network.theta, self.update_count, self.epoch_count,
                          self.batch_index, self._batch_size, self._epoch.recipe)

    def _advance_phase(self):
        self.phase += 1
        if self.phase == len(self.specs):
            self._finish_update()

    def _finish_update(self):
        self._last_gradients = self._cache
        self._end_update(self._cache.J)

    # --- the phases, with the readable functions ----------------------------------

    def _run_phase(self, spec):
        net, cache, l = self.network, self._cache, spec.layer
        if spec.kind == FORWARD:
            cache.Z[l], cache.A[l] = backprop.forward_layer(
                net.W[l], net.b[l], cache.A[l - 1], net.g[l])
        elif spec.kind == COST:
            cache.J = backprop.cost(cache.Z[net.L], cache.Y, net.W, self.l2)
            self._check_cost(cache.J)
        elif spec.kind == BACKWARD:
            backprop.backward_layer(cache, l, net.W, net.g, self.l2)
        else:
            backprop.update_parameters(net.W, net.b, cache.dW, cache.db, self.learning_rate)

    def _check_cost(self, J):
        """Stop if J, the cost of the parameters as they are now, has exploded."""
        if self._explosion_limit is None and self.update_count == 0:
            self._explosion_limit = max(EXPLODING_COST, 10 * J) if math.isfinite(J) else 0.0
        if J <= self._explosion_limit:  # false for nan too
            return
        diverged_at = self.update_count
        if diverged_at == 0:
            self.phase = 0
            raise TrainingDiverged(0, J, self.learning_rate)
        # The cost before the last update passed this test: go back to that update's
        # start, its batch next again, as if it had not been run.
        try:
            self._go_to(diverged_at - 1, 0)
        except IndexError:
            self._go_to(diverged_at, 0)
            raise TrainingDiverged(diverged_at, J, self.learning_rate, undone=False) from None
        raise TrainingDiverged(diverged_at, J, self.learning_rate)

    # --- batches and epochs -----------------------------------------------------

    def _start_epoch(self):
        """Shuffle the training set for a new epoch (not needed for full batch)."""
        m = self._all_rows.shape[1]
        size = self._batch_size if 0 < self._batch_size < m else m
        if size == m and self._epoch is not None and self._epoch.size == m:
            return   # full batch: every epoch is the same one, and draws nothing
        self._epoch = self._shuffled(EpochRecipe(size, self.rng.bit_generator.state))

    def _shuffled(self, recipe):
        """The Epoch that `recipe` makes, with the training rows in its order (the
        batches are slices of them); the generator is left as the shuffle leaves it."""
        m = self._all_rows.shape[1]
        self.rng.bit_generator.state = recipe.rng_before
        if recipe.size == m:
            order, self._epoch_rows = None, self._all_rows
        else:
            order = self.rng.permutation(m)
            order.flags.writeable = False
            self._epoch_rows = self._all_rows[:, order]
        return Epoch(recipe, order, range(0, m, recipe.size))

    def _batch_columns(self):
        """(rows, first column, m) of the current batch in the epoch's stacked rows."""
        epoch, rows = self._epoch, self._epoch_rows
        start = epoch.starts[self.batch_index]
        return rows, start, min(epoch.size, rows.shape[1] - start)

    def _begin_batch(self):
        """(X, Y) of the batch this update uses, as views into the epoch's rows; its columns
        are kept in self._columns."""
        self._columns = self._batch_columns()
        return self._batch_XY(*self._columns)

    def _batch_XY(self, rows, start, m):
        n_x = self.dataset.n_x
        return rows[:n_x, start:start + m], rows[n_x + 1:n_x + 2, start:start + m]

    def _end_update(self, J):
        self.phase = 0
        self.update_count += 1
        self.costs.append(J)
        if self.path is not None:
            self.path.record()
        self.batch_index += 1
        if self.batch_index == len(self._epoch.starts):
            self.batch_index = 0
            self.epoch_count += 1
            self.epoch_ends.append(self.update_count)
            if self._pending_batch_size is None:
                self._start_epoch()
        if self._pending_batch_size is not None:
            self._apply_pending_batch_size()
        self._save_start()

    def _apply_pending_batch_size(self):
        self._batch_size = self._pending_batch_size
        self._pending_batch_size = None
        self.batch_index = 0
        self._start_epoch()
        if self.phase == 0:
            self._save_start()   # this update now starts with the new batch order

    # --- looking at values by their symbol ---------------------------------------

    def value(self, name):
        """The current value of a symbol such as "W[2]", "dZ[1]", "A[0]", "Y" or "J"."""
        if name == "J":
            return np.array(self._cache.J)
        if name == "Y":
            return self._cache.Y
        symbol, l = name[:-1].split("[")
        l = int(l)
        if symbol in ("W", "b"):
            return getattr(self.network, symbol)[l]
        return getattr(self._cache, symbol)[l]

    def _frozen(self, name):
        v = np.array(self.value(name), dtype=np.float64, copy=True)
        v.flags.writeable = False
        return v

