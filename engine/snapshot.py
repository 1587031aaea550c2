"""Frozen, read-only copies of what the views need, made on the training thread.

SessionInfo is made once per model build (the data and the picture of the input space);
a Snapshot after every batch of updates. Nothing in either shares memory with the trainer.
"""
from dataclasses import dataclass, field

import numpy as np

from .input_features import expand_inputs
from .metrics import Metrics, compute_metrics
from .one_feature import label_heights
from .parameter_path import EMPTY_PATH
from .phases import PhaseRecord
from .projection import grid_points, plane_extent, principal_axes
from .unit_pictures import coarse_grid_inputs, pictures_possible, unit_pictures


def frozen(a, dtype=np.float64):
    """A read-only copy of a."""
    a = np.array(a, dtype=dtype, copy=True)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class SessionInfo:
    """What stays fixed until the next reset: the data, the model's shape, the 2-D view.

    points_train (2, m_train), points_test (2, m_test): the examples in the plane drawn
    by the boundary view (the inputs themselves when n_x == 2; for one feature, x and the
    label's height 0 or 1 with a little jitter; else a PCA projection).
    extent: (x_min, x_max, y_min, y_max) of that plane. grid: (2, r*r) points whose
    predictions form the heatmap (only when the inputs are a plane, x1 and x2 with or
    without extra features; else None); grid_inputs: those points as the network reads
    them (grid with its extra features below it), or None.
    image_shape: (8, 8) when each input is an image (the digits), else None.
    """

    dataset_name: str
    feature_names: tuple
    label_mapping: object
    layer_sizes: tuple
    activations: tuple
    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray
    points_train: np.ndarray
    points_test: np.ndarray
    extent: tuple
    grid: np.ndarray | None
    grid_resolution: int
    grid_inputs: np.ndarray | None
    is_projection: bool
    image_shape: tuple | None
    updates_per_epoch: int


# For one feature the vertical axis is the label's height: 0 and 1, a little room around.
LABEL_AXIS = (-0.2, 1.2)


def make_session_info(trainer, resolution=100):
    data = trainer.dataset
    n_x = 2 if data.extra_features else data.n_x   # the inputs drawn as a plane
    plane_train, plane_test = data.X_train[:n_x], data.X_test[:n_x]
    if n_x == 1:
        points_train = np.vstack([data.X_train[0], label_heights(data.Y_train, seed=0)])
        points_test = np.vstack([data.X_test[0], label_heights(data.Y_test, seed=1)])
        x_min, x_max, _, _ = plane_extent(np.hstack([points_train, points_test]))
        extent = (x_min, x_max) + LABEL_AXIS
    else:
        to_plane = np.eye(2) if n_x == 2 else principal_axes(plane_train)
        points_train = to_plane @ plane_train
        points_test = to_plane @ plane_test
        extent = plane_extent(np.hstack([points_train, points_test]))
    grid = frozen(grid_points(extent, resolution)) if n_x == 2 else None
    grid_inputs = None if grid is None else frozen(expand_inputs(grid, data.extra_features))
    side = round(float(np.sqrt(n_x)))
    image_shape = (side, side) if data.name == "digits" and side * side == n_x else None
    return SessionInfo(
        dataset_name=data.name,
        feature_names=tuple(data.feature_names),
        label_mapping=data.label_mapping,
        layer_sizes=trainer.network.layer_sizes,
        activations=trainer.network.activation_names,
        X_train=frozen(data.X_train), Y_train=frozen(data.Y_train),
        X_test=frozen(data.X_test), Y_test=frozen(data.Y_test),
        points_train=frozen(points_train), points_test=frozen(points_test),
        extent=extent, grid=grid, grid_resolution=resolution, grid_inputs=grid_inputs,
        is_projection=n_x > 2, image_shape=image_shape,
        updates_per_epoch=trainer.updates_per_epoch,
    )


@dataclass(frozen=True)
class Snapshot:
    """The model after `update` updates, and what happened since the last Snapshot.

    new_costs (k,): the cost J of each update since the last snapshot, oldest first, so
    update number (update - k + i + 1) had cost new_costs[i]; none is ever skipped.
    new_epoch_ends: update numbers at which an epoch ended since the last snapshot.
    W, b: per layer (index 0 is layer 1), read-only copies.
    boundary: (r, r) float32 P(y = 1) over SessionInfo.grid (row 0 at y_min), or None;
    computed at boundary_update, which may be a little behind `update`.
    test_A: (1, m_test) outputs on the test set.
    example_index, example_A: the selected training example and its activations
    A[0] .. A[L] as (n_l,) arrays (for the network diagram).
    example_column: the column of the selected example in the batch of the update being
    stepped (or the next one), None when it is not in that batch; batch_first_example:
    the example in that batch's first column.
    last_phase: the PhaseRecord of the phase just stepped, or None.
    phase_records: the PhaseRecords of the phases of the current update stepped so far
    (of the update just stepped through, at its end), in order.
    updates_back: how many updates one can step back from here.
    new_path (k, 2): [β0 β1] = [b[1] W[1]] after each update since the last snapshot, in
    the order of new_costs (the first snapshot of a run starts with the starting point);
    empty for models that do not have exactly two parameters.
    phase_by_phase: playing, but one phase at a time, slowly enough to follow, each phase
    with its own snapshot (phase play, or Play at a lecture speed).
    phase_pace: phases per second of phase play; 0.0 when not in phase play.
    diverged_update: when this snapshot follows a divergence, the update whose step made
    the cost blow up (undone when it is above `update`; 0: the starting weights did).
    forks: the same-start comparisons, each at `update` too, or None when there are none.
    unit_pictures: for each hidden layer, (n_l, s, s) float32 a of every unit over a
    coarse grid of the plane (engine/unit_pictures.py), made with the boundary; () for
    data not drawn as a plane and for nets with too many hidden units.
    """

    update: int
    epoch: int
    phase: int
    phases_per_update: int
    learning_rate: float
    l2: float
    batch_size: int
    new_costs: np.ndarray
    new_epoch_ends: tuple
    metrics: Metrics
    W: tuple
    b: tuple
    boundary: np.ndarray | None
    boundary_update: int
    test_A: np.ndarray
    example_index: int
    example_A: tuple
    last_phase: PhaseRecord | None
    updates_per_second: float
    playing: bool
    example_column: int | None = None
    batch_first_example: int = 0
    phase_records: tuple = ()
    updates_back: int = 0
    new_path: np.ndarray = field(default_factory=lambda: EMPTY_PATH)
    phase_by_phase: bool = False
    phase_pace: float = 0.0
    diverged_update: int | None = None
    forks: object = None   # a ForkReport (engine/run_group.py) while there are forks
    unit_pictures: tuple = ()

    @property
    def can_step_back(self):
        return self.phase > 0 or self.updates_back > 0

    @property
    def shows_phases(self):
        """Whether the phase just run is worth showing: paused, stepping, or playing
        phase by phase (too fast to follow otherwise)."""
        return not self.playing or self.phase_by_phase


def take_snapshot(trainer, session, new_costs, new_epoch_ends, example_index=0,
                  last_phase=None, updates_per_second=0.0, playing=False,
                  previous=None, with_boundary=True, new_path=EMPTY_PATH,
                  phase_by_phase=False, phase_pace=0.0, diverged_update=None):
    """Copy out everything the views show. new_costs: the costs of updates since the
    last snapshot (any sequence); the trainer is not changed.

    With a previous Snapshot, its boundary is reused instead of predicting the whole grid
    again (the costliest part of a snapshot); with_boundary=False leaves it out."""
    net = trainer.network
    with np.errstate(all="ignore"):
        metrics = compute_metrics(trainer)
        pictures = ()
        if previous is not None:
            boundary, boundary_update = previous.boundary, previous.boundary_update
            pictures = previous.unit_pictures
        elif with_boundary and session.grid is not None:
            r = session.grid_resolution
            # A picture in float32 (what it is sent as), computed so: tanh is ~5x faster.
            boundary = frozen(net.predict_proba(session.grid_inputs, np.float32).reshape(r, r),
                              np.float32)
            boundary_update = trainer.update_count
            if pictures_possible(net.layer_sizes):
                pictures = unit_pictures(net, *coarse_grid_inputs(session.grid_inputs, r))
        else:
            boundary, boundary_update = None, trainer.update_count
        test_A = frozen(net.predict_proba(session.X_test)) if session.X_test.shape[1] else \
            frozen(np.zeros((1, 0)))
        m = session.X_train.shape[1]
        example_index = int(min(max(example_index, 0), m - 1))
        ws = net.forward(session.X_train[:, example_index:example_index + 1])
        batch = trainer.batch_examples()
        found = np.flatnonzero(batch == example_index)
    return Snapshot(
        update=trainer.update_count,
        epoch=trainer.epoch_count,
        phase=trainer.phase,
        phases_per_update=trainer.phases_per_update,
        learning_rate=trainer.learning_rate,
        l2=trainer.l2,
        batch_size=trainer.batch_size,
        new_costs=frozen(new_costs),
        new_epoch_ends=tuple(new_epoch_ends),
        metrics=metrics,
        W=tuple(frozen(w) for w in net.W[1:]),
        b=tuple(frozen(v) for v in net.b[1:]),
        boundary=boundary,
        boundary_update=boundary_update,
        test_A=test_A,
        example_index=example_index,
        example_A=tuple(frozen(a[:, 0]) for a in ws.A),
        last_phase=last_phase,
        updates_per_second=float(updates_per_second),
        playing=playing,
        example_column=int(found[0]) if found.size else None,
        batch_first_example=int(batch[0]),
        phase_records=tuple(trainer.phase_records),
        updates_back=trainer.updates_back(),
        new_path=new_path,
        phase_by_phase=bool(phase_by_phase),
        phase_pace=float(phase_pace),
        diverged_update=diverged_update,
        unit_pictures=pictures,
    )


class SnapshotStream:
    """Snapshots of one trainer, in order: each carries the costs and epoch ends of the
    updates since the one before, so a reader that keeps them all misses no update.

    The trainer folds old costs into min/max blocks (engine/folded_history.py); the
    stream holds those it has not handed on yet, so none is folded before it is sent."""

    def __init__(self, trainer, session):
        self.trainer = trainer
        self.session = session
        self.previous = None
        self._costs = None          # the trainer's cost history the counts refer to
        self._costs_sent = 0
        self._epochs_sent = 0
        self._path = None           # the trainer's parameter path the count refers to
        self._path_sent = 0
        self._follow(trainer.costs)

    def take(self, reuse_boundary=False, **options):
        """The next Snapshot; options go to take_snapshot. reuse_boundary keeps the
        previous snapshot's decision boundary instead of predicting the grid again."""
        trainer = self.trainer
        if trainer.costs is not self._costs:
            self._follow(trainer.costs)   # the trainer was reset: a new run
        previous = self.previous if reuse_boundary else None
        snapshot = take_snapshot(trainer, self.session, trainer.costs.since(self._costs_sent),
                                 trainer.epoch_ends.since(self._epochs_sent).tolist(),
                                 previous=previous, new_path=self._new_path(), **options)
        self._costs_sent = len(trainer.costs)
        self._epochs_sent = len(trainer.epoch_ends)
        trainer.costs.hold_from(self._costs_sent)
        self.previous = snapshot
        return snapshot

    def _new_path(self):
        """The path's points not sent yet (copied, read-only); those of updates stepped
        back are gone from the path, and the count follows it down."""
        path = self.trainer.path
        if path is None:
            self._path = None
            return EMPTY_PATH
        if path is not self._path:
            self._path, self._path_sent = path, 0
        points = path.since(max(min(self._path_sent, len(path)), path.exact_start))
        self._path_sent = len(path)
        path.hold_from(self._path_sent)
        return points

    def _follow(self, costs):
        self._costs = costs
        self._costs_sent = self._epochs_sent = 0
        costs.hold_from(0)
