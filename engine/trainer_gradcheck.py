"""The gradient check of a Trainer's parameters as they are now, sized to take a second or two.

engine/gradcheck.py compares every entry it is given on every example it is given; each
entry costs four forward passes. The window cannot wait minutes, so the check here runs
on the batch of the update under way (or about to run), on a seeded sample of at most
MAX_EXAMPLES of its examples, and on at most as many entries per array as a time budget
allows: small nets are checked entirely, big ones on a seeded sample of each array. The
report says what was checked.
"""
import math
import time
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from .gradcheck import DEFAULT_EPS, FAIL, NOT_CHECKED, PASS, gradient_check

MAX_EXAMPLES = 256      # examples J is taken over, at most: a gradient check needs few
MIN_EXAMPLES = 16       # ... and at least, where the batch has them, even for huge nets
MAX_PER_ARRAY = 500     # entries of one array, at most: more adds time, not confidence
BUDGET_SECONDS = 1.5    # what the estimate below may add up to
# One entry costs four forward passes, each a few NumPy calls per layer and about one
# multiply-add per parameter and example. Measured on digits 64-32-16-1 (256 examples),
# 2-3-1 and 64-128-128-128-1 (benchmarks/bench_gradcheck.py), rounded up: a big net's
# large matrix products run faster per multiply-add, so the estimate errs long.
SECONDS_PER_LAYER_PASS = 20e-6
SECONDS_PER_MULTIPLY_ADD = 1.5e-10


@dataclass(frozen=True)
class GradientCheckReport:
    """What a check of a Trainer's parameters found, and what it looked at.

    arrays: the ArrayCheck of W[1], b[1], ..., W[L], b[L] (engine/gradcheck.py).
    update_count: updates completed when the parameters were checked; phase: phases of
    the next update already run (0 between updates; the parameters change only in the
    last phase, so they are those after update_count updates either way).
    examples: examples J was taken over, a seeded sample of the batch_examples of the
    batch of update update_count + 1 when fewer; training_examples: the training set's.
    max_per_array: entries checked per array at most (None: every entry); l2, eps: the
    lambda of J and the finite-difference step; seconds: how long the check took.
    """

    arrays: tuple
    update_count: int
    phase: int
    examples: int
    batch_examples: int
    training_examples: int
    max_per_array: int | None
    l2: float
    eps: float
    seconds: float

    @property
    def verdict(self):
        """FAIL if any array failed, else PASS if any was checked, else NOT_CHECKED."""
        if any(a.failed for a in self.arrays):
            return FAIL
        return PASS if any(a.passed for a in self.arrays) else NOT_CHECKED

    @property
    def entries_checked(self):
        return sum(a.checked for a in self.arrays)

    @property
    def parameter_count(self):
        return sum(math.prod(a.shape) for a in self.arrays)

    @property
    def sampled_examples(self):
        return self.examples < self.batch_examples

    @property
    def whole_training_set(self):
        return self.batch_examples == self.training_examples


@dataclass(frozen=True)
class CheckSize:
    """How much of the work to do: examples of the batch, and entries per array (None:
    all of them)."""

    examples: int
    max_per_array: int | None


def _array_sizes(layer_sizes):
    """The sizes of W[1], b[1], ..., W[L], b[L]."""
    return [size for n_prev, n in pairwise(layer_sizes) for size in (n * n_prev, n)]


def _entry_seconds(layer_sizes, examples):
    """The estimated time to compare one entry: four forward passes."""
    parameters = sum(_array_sizes(layer_sizes))
    return 4 * (SECONDS_PER_LAYER_PASS * (len(layer_sizes) - 1) +
                SECONDS_PER_MULTIPLY_ADD * examples * parameters)


def estimated_seconds(layer_sizes, size):
    """(entries, seconds): what a check of this CheckSize compares and is expected to take."""
    entries = sum(min(n, size.max_per_array or n) for n in _array_sizes(layer_sizes))
    return entries, entries * _entry_seconds(layer_sizes, size.examples)


def check_size(layer_sizes, batch_examples):
    """The CheckSize whose estimated time fits BUDGET_SECONDS, for a net of these layer
    sizes (n_x, n_1, ..., n_L) on a batch of batch_examples examples."""
    array_sizes = _array_sizes(layer_sizes)
    examples = min(batch_examples, MAX_EXAMPLES)
    if len(array_sizes) * _entry_seconds(layer_sizes, examples) > BUDGET_SECONDS:
        # Too big a net for one entry of each array on that many examples: check every
        # array on fewer examples rather than leave arrays out.
        per_entry = (BUDGET_SECONDS / len(array_sizes) / 4 -
                     SECONDS_PER_LAYER_PASS * (len(layer_sizes) - 1))
        per_example = SECONDS_PER_MULTIPLY_ADD * sum(array_sizes)
        examples = min(examples, max(MIN_EXAMPLES, int(per_entry / per_example)))
    affordable = int(BUDGET_SECONDS / _entry_seconds(layer_sizes, examples))
    limit = min(MAX_PER_ARRAY, _largest_cap(array_sizes, max(len(array_sizes), affordable)))
    return CheckSize(examples, None if limit >= max(array_sizes) else limit)


def _largest_cap(array_sizes, entries):
    """The largest k with sum(min(size, k)) <= entries (at least 1)."""
    low, high = 1, max(array_sizes)
    while low < high:
        k = (low + high + 1) // 2
        if sum(min(size, k) for size in array_sizes) <= entries:
            low = k
        else:
            high = k - 1
    return low


def check_trainer(trainer, keep_going=None, eps=DEFAULT_EPS):
    """Gradient-check trainer.network's parameters as they are now, on the batch of the
    update under way or about to run (trainer.current_batch), sized by check_size and
    seeded by the model's seed. The trainer is left exactly as it was.

    keep_going: as for engine.gradcheck.gradient_check, which raises
    GradientCheckStopped when it says no. Returns a GradientCheckReport.
    """
    start = time.perf_counter()
    net = trainer.network
    X, Y = trainer.current_batch()
    batch_examples = X.shape[1]
    size = check_size(net.layer_sizes, batch_examples)
    seed = trainer.model.seed
    if size.examples < batch_examples:
        rng = np.random.default_rng(seed)
        columns = np.sort(rng.choice(batch_examples, size=size.examples, replace=False))
        X, Y = X[:, columns], Y[:, columns]
    arrays = gradient_check(net, X, Y, l2=trainer.l2, eps=eps,
                            max_per_array=size.max_per_array, seed=seed,
                            keep_going=keep_going)
    return GradientCheckReport(
        tuple(arrays), trainer.update_count, trainer.phase, X.shape[1], batch_examples,
        trainer.dataset.m_train, size.max_per_array, float(trainer.l2), float(eps),
        time.perf_counter() - start)
