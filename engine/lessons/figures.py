"""The figures a claim can measure on a training run, by name, each with how it is shown."""
from dataclasses import dataclass

import numpy as np

from engine.metrics import compute_metrics, gradient_sizes
from engine.trainer import Trainer, TrainingDiverged


@dataclass(frozen=True)
class RunResult:
    """A finished run: its trainer, its metrics, the cost of every update (on that
    update's batch), the cost on every training example before the first update and after
    each one, whether the divergence guard stopped it, and the gradient sizes ||dW[l]||
    of the starting weights (full batch, index 0 is layer 1)."""

    name: str
    trainer: Trainer
    metrics: object
    costs: np.ndarray
    training_costs: np.ndarray
    diverged: bool
    start_dW_norms: tuple


def train_run(run, settings, keep_going=None):
    """Train `run` (an engine.lessons.lesson.Run) from `settings` with its changes.
    keep_going: as for Trainer.run, asked before each update."""
    settings = settings.changed(run.changes)
    dataset = settings.dataset()
    trainer = Trainer(dataset, settings.model_config(dataset.n_x), settings.train_config())
    start_dW, _, _ = gradient_sizes(trainer.network, dataset.X_train, dataset.Y_train,
                                    trainer.l2)
    updates = run.updates if run.epochs is None else run.epochs * trainer.updates_per_epoch
    X, Y = dataset.X_train, dataset.Y_train
    # The batch costs of a small batch differ mostly by which examples are in the batch;
    # the cost on all of them after each update shows how the descent itself went.
    training_costs = [trainer.network.cost(X, Y, trainer.l2)]
    diverged = False
    try:
        for _ in range(updates):
            if not trainer.run(1, keep_going):
                break
            training_costs.append(trainer.network.cost(X, Y, trainer.l2))
    except TrainingDiverged:
        diverged = True
    costs = np.array(trainer.costs.exact_values(), dtype=np.float64)
    return RunResult(run.name, trainer, compute_metrics(trainer), costs,
                     np.array(training_costs, dtype=np.float64), diverged,
                     tuple(float(v) for v in start_dW))


def _cost_drop(r):
    """The share of the first update's cost that is gone by the last update."""
    if len(r.costs) < 2 or r.costs[0] == 0:
        return 0.0
    return float(1.0 - r.costs[-1] / r.costs[0])


def _cost_rises(r):
    """The share of updates after which the cost was higher than after the one before."""
    return float(np.mean(np.diff(r.costs) > 0)) if len(r.costs) > 1 else 0.0


def _cost_noise(r):
    """The variance of the successive differences of the cost curve (each update's cost
    on its own batch): how jagged the plotted curve is, which for small batches is mostly
    which examples each batch holds."""
    return float(np.var(np.diff(r.costs))) if len(r.costs) > 2 else 0.0


def _cost_climb(r):
    """How far the cost on all training examples went up in all, adding every update
    that raised it: 0 for a descent that only ever goes down, large for a noisy one."""
    steps = np.diff(r.training_costs)
    return float(np.sum(steps[steps > 0]))


def _gradient_ratio(r):
    """||dW[L]|| / ||dW[1]|| of the starting weights: how much smaller the first layer's
    gradient is than the last layer's."""
    first, last = r.start_dW_norms[0], r.start_dW_norms[-1]
    return float(last / first) if first > 0 else float("inf")


def _unit_spread(r):
    """The largest difference between any hidden unit's incoming weights and bias and
    those of the first unit of its layer: 0 when every unit of every layer is the same."""
    net = r.trainer.network
    spread = 0.0
    for l in range(1, net.L):
        rows = np.hstack([net.W[l], net.b[l]])
        spread = max(spread, float(np.max(np.abs(rows - rows[0]))))
    return spread


def _percent(value):
    return f"{100 * value:.1f}%"


def _points(value):
    return f"{100 * value:+.1f} points"


def _number(value):
    return f"{value:.3g}"


def show_times(value):
    return f"{value:.3g}x" if value < 1000 else f"{value:,.0f}x"


def _yes_no(value):
    return "yes" if value else "no"


@dataclass(frozen=True)
class Figure:
    label: str
    measure: object   # RunResult -> float
    show: object      # float -> str

    @property
    def yes_no(self):
        return self.show is _yes_no


FIGURES = {
    "train_accuracy": Figure("training accuracy",
                             lambda r: r.metrics.train_accuracy, _percent),
    "test_accuracy": Figure("test accuracy", lambda r: r.metrics.test_accuracy, _percent),
    "accuracy_gap": Figure("train-test accuracy gap",
                           lambda r: r.metrics.train_accuracy - r.metrics.test_accuracy,
                           _points),
    "train_cost": Figure("training cost", lambda r: r.metrics.train_cost, _number),
    "test_cost": Figure("test cost", lambda r: r.metrics.test_cost, _number),
    "cost_drop": Figure("cost drop", _cost_drop, _percent),
    "cost_rises": Figure("share of updates raising the cost", _cost_rises, _percent),
    "cost_noise": Figure("cost noise", _cost_noise, _number),
    "cost_climb": Figure("total rise of the training cost", _cost_climb,
                         _number),
    "diverged": Figure("divergence guard fired", lambda r: float(r.diverged), _yes_no),
    "updates": Figure("updates made", lambda r: float(r.trainer.update_count),
                      lambda v: f"{v:,.0f}"),
    "updates_per_epoch": Figure("updates per epoch",
                                lambda r: float(r.trainer.updates_per_epoch),
                                lambda v: f"{v:,.0f}"),
    "gradient_ratio": Figure("starting ||dW[L]|| / ||dW[1]||", _gradient_ratio, show_times),
    "unit_spread": Figure("largest difference between hidden units", _unit_spread,
                          lambda v: f"{v:.3g}"),
}
