"""Same-start comparisons: the main run and up to three forks of it, each with one setting
changed, trained in lockstep from the same starting weights on the same batches.

A fork is a new Trainer made from the main run's model and training settings with one of
them replaced (engine/fork_change.py). It starts from the weights the main run's seed
starts from (an activation, learning rate, batch size or lambda change keeps them; a new
initialisation draws its own) and draws its batch order from the same random generator
state, so the batches are the same ones. It is then run up to the main run's update
count, and kept there: keep_up() is called after the main run trains, steps or steps
back. The group keeps a SettingsLog of each main run (its settings at update 0 and every
change since, at the update and phase it was made), and a fork replays those changes at
the same points, so that only its one setting differs all along. A fork whose cost explodes stops and says so; the main run goes on. Qt-free: the
worker thread owns the group and sends a ForkReport with every snapshot.
"""
import itertools
import weakref
from dataclasses import dataclass, replace

import numpy as np

from .config import ConfigError, TrainConfig
from .fork_change import ACTIVATION, BATCH_SIZE, INIT, L2, LEARNING_RATE
from .metrics import accuracy, gradient_sizes
from .network import Network
from .trainer import Trainer, TrainingDiverged

MAX_RUNS = 4                 # the main run and its forks, drawn together
MAX_FORKS = MAX_RUNS - 1


def starting_point(model):
    """(theta, rng_state): the parameters a run of ModelConfig `model` starts from, and
    its random generator's state after drawing them (the state its batches come from)."""
    rng = np.random.default_rng(model.seed)
    network = Network.initialise(model, rng)
    return network.theta, rng.bit_generator.state


def setting_of(trainer, setting):
    """The value `setting` has in `trainer` now."""
    if setting == LEARNING_RATE:
        return trainer.learning_rate
    if setting == L2:
        return trainer.l2
    if setting == BATCH_SIZE:
        return trainer.batch_size
    if setting == INIT:
        return trainer.model.init
    activations = set(trainer.model.hidden_activations)
    return activations.pop() if len(activations) == 1 else None


def same_data(a, b):
    """Whether datasets a and b hold the same examples (a reloaded dataset is a new
    object with the same arrays)."""
    if a is b:
        return True
    return (a.extra_features == b.extra_features and
            all(np.array_equal(getattr(a, name), getattr(b, name))
                for name in ("X_train", "Y_train", "X_test", "Y_test")))


def make_fork(parent, change, train=None):
    """A Trainer at update 0 with parent's settings (`train`, its settings at update 0,
    when given), `change` applied, the parent's starting weights (its own for an
    initialisation change) and its batch order. Raises ConfigError when the change
    cannot apply to this model."""
    model = parent.model
    if train is None:
        train = TrainConfig(parent.learning_rate, parent.l2, parent.batch_size)
    if change.setting == ACTIVATION:
        if model.L < 2:
            raise ConfigError("the main run has no hidden layer, so it has no hidden "
                              "activation to change; add a hidden layer first")
        model = replace(model, hidden_activations=(change.value,) * (model.L - 1))
    elif change.setting == INIT:
        model = replace(model, init=change.value)
    else:
        train = replace(train, **{change.setting: change.value})
    fork = Trainer(parent.dataset, model, train, parent.fast)
    theta, rng_state = starting_point(parent.model)
    if change.setting != INIT:
        fork.start_from(theta)
    fork.draw_batches_from(rng_state)
    return fork


@dataclass(frozen=True)
class SettingChange:
    """The main run's `setting` became `value` when it had done `update` updates and
    `phase` phases of the next one."""

    update: int
    phase: int
    setting: str
    value: object

    @property
    def position(self):
        return (self.update, self.phase)


def position_of(trainer):
    return (trainer.update_count, trainer.phase)


class SettingsLog:
    """A main run's learning rate, lambda and batch size at update 0 (start, a
    TrainConfig) and every change since (changes, in the order they take effect)."""

    def __init__(self, trainer):
        self.start = TrainConfig(trainer.learning_rate, trainer.l2, trainer.batch_size)
        self.changes = []
        self.seen = position_of(trainer)   # where the main run was when last looked at

    def stepped_back(self, trainer):
        """Whether the main run is behind where it was when last looked at (it stepped
        back, or a divergence undid an update); the changes are moved as it did."""
        position, before = position_of(trainer), self.seen
        self.seen = position
        if position >= before:
            return False
        self.changes = changes_back_to(self.changes, position)
        return True


def record_change(changes, change):
    """changes with `change` in its place. A change of the same setting still to take
    effect after it (moved there by a step back) is overruled by it, as on the trainer."""
    kept = [c for c in changes
            if not (c.setting == change.setting and c.position > change.position)]
    return sorted(kept + [change], key=lambda c: c.position)   # stable: in order made


def changes_back_to(changes, position):
    """changes after the main run stepped back to `position` (update, phase): it restored
    the start of update `update` + 1 and stepped `phase` phases of it again with the
    settings it has now, so a change made in that update or after it now applies from
    its start. A learning rate or lambda from its first phase; a batch size set after
    that start from the update after it, as the trainer does after a step back (set at
    phase 1, it waits for the next update)."""
    update = position[0]

    def moved(c):
        if c.update < update or c.position == (update, 0):
            return c
        return replace(c, update=update, phase=1 if c.setting == BATCH_SIZE else 0)

    return sorted(map(moved, changes), key=lambda c: c.position)


@dataclass(frozen=True)
class ForkSnapshot:
    """One fork as it stands after `update` updates, and its costs since the last one.

    key: new for every fork made (a fork made again after a reset has a new key).
    new_costs (k,): J of updates first_update .. first_update + k - 1, read-only; when
    first_update is at or below what was sent before, the updates from it on were taken
    back (the main run stepped back) and these replace them.
    dW_norms (L,): ||dW[l]||_F of the fork's last update (of a full pass at update 0).
    stopped: '' while it trains along, else why it stopped.
    """

    key: int
    label: str
    update: int
    first_update: int
    new_costs: np.ndarray
    dW_norms: np.ndarray
    test_cost: float
    test_accuracy: float
    stopped: str = ""


@dataclass(frozen=True)
class ForkReport:
    """Every fork, in the order they were made, and what became of the last request:
    message says what was done, refusal why nothing was ('' when there is nothing)."""

    forks: tuple = ()
    message: str = ""
    refusal: str = ""


EMPTY_REPORT = ForkReport()


class Fork:
    """One fork's trainer, its change and what of its costs has been sent."""

    def __init__(self, key, change, parent, log):
        self.key = key
        self.change = change
        self.label = change.label
        self.stopped = ""
        self._parent = parent
        self._log = log
        self._start_again()
        self._costs = None
        self._sent = 0

    def _start_again(self):
        """At update 0 with the main run's first settings, its changes still to replay."""
        self.trainer = make_fork(self._parent, self.change, self._log.start)
        self.pending = [c for c in self._log.changes if c.setting != self.change.setting]

    def keep_up(self, target, keep_going=None):
        """Go to the start of update `target` + 1 (back if it is ahead), replaying the
        main run's setting changes where it made them, unless it stopped before it.
        keep_going: as for Trainer.run; when it says stop, the fork stays behind and
        goes on from there next time."""
        trainer = self.trainer
        while trainer.update_count > target or (trainer.update_count == target and
                                                trainer.phase):
            try:
                trainer.step_back_update()
            except IndexError:   # further back than the trainer keeps: run it again
                self._start_again()
                trainer = self.trainer
            self.stopped = ""
        if self.stopped:
            return
        try:
            self._run_to(target, keep_going)
        except TrainingDiverged as error:
            self.stopped = f"diverged at update {error.update:,}"

    def _run_to(self, target, keep_going):
        trainer = self.trainer
        while True:
            while self.pending and self.pending[0].position <= position_of(trainer):
                self._apply(self.pending.pop(0))
            if trainer.update_count >= target and trainer.phase == 0:
                return
            stop = (target, 0)
            if self.pending and self.pending[0].update < target:
                stop = self.pending[0].position
            if trainer.update_count < stop[0]:
                wanted = stop[0] - trainer.update_count
                if trainer.run(wanted, keep_going) < wanted:
                    return
            else:
                while trainer.phase < stop[1]:
                    trainer.step_phase()

    def _apply(self, change):
        setter = {LEARNING_RATE: self.trainer.set_learning_rate, L2: self.trainer.set_l2,
                  BATCH_SIZE: self.trainer.set_batch_size}[change.setting]
        setter(change.value)

    def follow(self, change):
        """The main run made `change`: the same here at the same point, unless it is
        the setting this fork changes."""
        if change.setting != self.change.setting:
            self.pending = record_change(self.pending, change)

    def back_to(self, position):
        self.pending = changes_back_to(self.pending, position)

    @property
    def behind(self):
        return self.trainer.update_count < self._parent.update_count

    def snapshot(self):
        trainer = self.trainer
        costs = trainer.costs
        if costs is not self._costs:
            self._costs, self._sent = costs, 0
        sent = min(self._sent, len(costs))
        new = np.array(costs.since(sent), dtype=np.float64)
        new.flags.writeable = False
        self._sent = len(costs)
        costs.hold_from(self._sent)
        data, net = trainer.dataset, trainer.network
        with np.errstate(all="ignore"):
            grads = trainer.last_gradients
            if grads is None:
                norms = gradient_sizes(net, data.X_train, data.Y_train, trainer.l2)[0]
            else:
                norms = [np.linalg.norm(grads.dW[l]) for l in range(1, net.L + 1)]
            norms = np.array(norms, dtype=np.float64)
            norms.flags.writeable = False
            test_cost = net.cost(data.X_test, data.Y_test, trainer.l2)
            test_accuracy = accuracy(net.predict_proba(data.X_test), data.Y_test)
        return ForkSnapshot(self.key, self.label, trainer.update_count, sent + 1, new, norms,
                            float(test_cost), float(test_accuracy), self.stopped)


class RunGroup:
    """The forks of the worker's main run. Every method runs on the worker thread."""

    def __init__(self):
        self.forks = []
        self._parent = None
        self._keys = itertools.count(1)
        self._message = self._refusal = ""
        self._logs = weakref.WeakKeyDictionary()   # main run (Trainer) -> SettingsLog

    def watch(self, parent):
        """Keep the settings log of a main run from now on (call it with a new run,
        before any of its settings change); returns it."""
        log = self._logs.get(parent)
        if log is None:
            log = self._logs[parent] = SettingsLog(parent)
        return log

    def add(self, parent, change, keep_going=None):
        """Fork `parent` with `change` and bring the fork up to it while keep_going()
        allows (the rest by keep_up later). A refusal (too many, no difference, the same
        as another fork, not possible for this model) leaves the forks as they were and
        is said in the next report."""
        self._follow_parent(parent)
        try:
            self._check_new(parent, change)
            fork = Fork(next(self._keys), change, parent, self.watch(parent))
        except ConfigError as error:
            self._refusal = f"No new run: {error}."
            return
        self.forks.append(fork)
        fork.keep_up(parent.update_count, keep_going)
        self._message = f"Added the run with {fork.label}."
        if fork.stopped:
            self._message += f" It {fork.stopped}."

    def remove(self, key):
        """Stop and forget the fork with this key (nothing if there is none)."""
        self.forks = [fork for fork in self.forks if fork.key != key]

    def clear(self):
        self.forks = []

    def follow(self, parent, setting, value):
        """The main run's learning rate, L2 lambda or batch size has just changed to
        `value`: it is logged, and every fork that does not compare that setting makes
        the same change at the same update and phase, so one setting stays different."""
        self._follow_parent(parent)
        self._step_back_with(parent)
        change = SettingChange(*position_of(parent), setting, value)
        log = self.watch(parent)
        log.changes = record_change(log.changes, change)
        log.seen = change.position
        for fork in self.forks:
            fork.follow(change)

    def keep_up(self, parent, keep_going=None):
        """Bring every fork to the main run's update count (whole updates: a fork waits at
        the start of an update the main run is stepping through). keep_going: as for
        Trainer.run; a fork it stops catches up next time."""
        self._follow_parent(parent)
        self._step_back_with(parent)
        for fork in self.forks:   # each steps back with it even when told to stop
            fork.keep_up(parent.update_count, keep_going)

    def behind(self):
        """The forks not yet at the main run's update count, as (label, update) pairs."""
        return [(fork.label, fork.trainer.update_count) for fork in self.forks
                if fork.behind and not fork.stopped]

    def _step_back_with(self, parent):
        """If the main run stepped back, so do the changes logged and still to come."""
        if self.watch(parent).stepped_back(parent):
            for fork in self.forks:
                fork.back_to(position_of(parent))

    def words(self):
        """(message, refusal) the next report would say."""
        return self._message, self._refusal

    def say(self, message, refusal=""):
        """What the next report says, in place of what it would."""
        self._message, self._refusal = message, refusal

    def report(self):
        """A ForkReport of every fork now; the message is said once."""
        if not (self.forks or self._message or self._refusal):
            return EMPTY_REPORT
        said = (self._message, self._refusal)
        self._message = self._refusal = ""
        return ForkReport(tuple(fork.snapshot() for fork in self.forks), *said)

    def _check_new(self, parent, change):
        if len(self.forks) >= MAX_FORKS:
            raise ConfigError(f"at most {MAX_RUNS} runs are compared (the main run and "
                              f"{MAX_FORKS} more); remove one first")
        if setting_of(parent, change.setting) == change.value:
            raise ConfigError(f"the main run already has {change.label}; "
                              f"choose a different value")
        for fork in self.forks:
            if fork.change == change:
                raise ConfigError(f"there is already a run with {fork.label}")

    def _follow_parent(self, parent):
        """A new main run. For a reset (the same data and model; undo may bring such a
        run back too) every fork is made again from it, a fork that no longer differs
        dropped; for new data or a new model the comparisons end, and the report says so."""
        if parent is self._parent:
            return
        before, self._parent = self._parent, parent
        if self.forks and not (same_data(parent.dataset, before.dataset) and
                               parent.model == before.model):
            self.forks = []
            self._refusal = ("The compared runs were closed: the main run has new data or a "
                             "new model. Add them again to compare on it.")
            return
        kept, dropped = [], []
        for fork in self.forks:
            try:
                if setting_of(parent, fork.change.setting) == fork.change.value:
                    raise ConfigError(f"the main run now has {fork.label} too")
                kept.append(Fork(next(self._keys), fork.change, parent, self.watch(parent)))
            except ConfigError as error:
                dropped.append(f"{fork.label} ({error})")
        self.forks = kept
        if dropped:
            self._refusal = "Compared runs dropped for the new main run: " + \
                "; ".join(dropped) + "."
