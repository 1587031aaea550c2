"""The trainer: phase by phase equals a whole update equals run(N); seeds; live settings."""
import numpy as np
import pytest

from engine.config import ConfigError, make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.phases import BACKWARD, COST, FORWARD, UPDATE
from engine.trainer import Trainer, TrainingDiverged


@pytest.fixture(scope="module")
def moons():
    return load_dataset("moons", n=200, noise=0.2, seed=1)


def make(dataset, sizes=(2, 8, 8, 1), activation="tanh", lr=0.5, l2=0.0, batch=0, seed=0,
         init="xavier", fast=True):
    return Trainer(dataset, make_model_config(sizes, activation, init, seed),
                   make_train_config(lr, l2, batch), fast=fast)


def parameters(trainer):
    net = trainer.network
    return [a.copy() for a in net.W[1:] + net.b[1:]]


def same(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a, b))


@pytest.mark.parametrize("batch", [0, 16, 1])
def test_on_the_readable_route_phases_updates_and_run_are_bit_identical(moons, batch):
    """However it is stepped, the readable route runs the same functions in the same order
    (the fast route is held to it in test_fast_path.py)."""
    by_phase, by_update, by_run = (make(moons, batch=batch, l2=0.3, fast=False)
                                   for _ in range(3))
    n = 23
    for _ in range(n * by_phase.phases_per_update):
        by_phase.step_phase()
    for _ in range(n):
        by_update.step_update()
    by_run.run(n)
    assert by_phase.update_count == by_update.update_count == by_run.update_count == n
    assert same(parameters(by_phase), parameters(by_run))
    assert same(parameters(by_update), parameters(by_run))
    assert np.array_equal(by_phase.costs.exact_values(), by_run.costs.exact_values())


def test_run_finishes_a_stepped_update_then_goes_on(moons):
    stepped, whole = make(moons), make(moons, fast=False)
    for _ in range(3):
        stepped.step_phase()
    assert stepped.run(4) == 4 and stepped.update_count == 4 and stepped.phase == 0
    whole.run(4)
    assert np.allclose(stepped.network.theta, whole.network.theta, rtol=0, atol=1e-13)


def test_an_update_has_2L_plus_2_phases_in_order(moons):
    t = make(moons)  # L = 3
    records = [t.step_phase() for _ in range(t.phases_per_update)]
    assert [(r.kind, r.layer) for r in records] == [
        (FORWARD, 1), (FORWARD, 2), (FORWARD, 3), (COST, None),
        (BACKWARD, 3), (BACKWARD, 2), (BACKWARD, 1), (UPDATE, None)]
    assert t.update_count == 1 and t.phase == 0
    assert "dZ[3] = A[3] - Y" in records[4].equation
    assert "Z[2] = W[2] A[1] + b[2]" in records[1].equation


def test_phase_records_hold_read_only_copies_with_the_seeds_shapes(moons):
    t = make(moons)
    m = moons.m_train
    forward1 = t.step_phase()
    assert forward1.reads["A[0]"].shape == (2, m)
    assert forward1.reads["W[1]"].shape == (8, 2)
    assert forward1.writes["Z[1]"].shape == (8, m)
    assert not forward1.writes["A[1]"].flags.writeable
    expected_Z1 = forward1.reads["W[1]"] @ forward1.reads["A[0]"] + forward1.reads["b[1]"]
    assert np.array_equal(forward1.writes["Z[1]"], expected_Z1)
    for _ in range(t.phases_per_update - 2):
        t.step_phase()
    update = t.step_phase()
    W1_before, dW1 = update.reads["W[1]"], update.reads["dW[1]"]
    assert np.allclose(update.writes["W[1]"], W1_before - 0.5 * dW1, rtol=0, atol=1e-15)
    # The record did not change when the trainer went on.
    t.run(3)
    assert np.array_equal(update.writes["W[1]"], W1_before - 0.5 * dW1)


def test_cost_record_equals_the_cost_of_that_update(moons):
    t = make(moons)
    records = [t.step_phase() for _ in range(t.phases_per_update)]
    J = next(r for r in records if r.kind == COST).writes["J"]
    assert float(J) == t.costs.exact_values()[0]


def test_same_seed_same_run_different_seed_different_run(moons):
    a, b, c = make(moons, batch=10, seed=4), make(moons, batch=10, seed=4), \
        make(moons, batch=10, seed=5)
    for t in (a, b, c):
        t.run(120)
    assert same(parameters(a), parameters(b))
    assert np.array_equal(a.costs.exact_values(), b.costs.exact_values())
    assert not same(parameters(a), parameters(c))


def test_reset_restores_the_initial_weights(moons):
    t = make(moons, batch=7)
    initial = parameters(t)
    t.run(50)
    assert not same(parameters(t), initial)
    t.reset()
    assert same(parameters(t), initial)
    assert t.update_count == 0 and t.epoch_count == 0 and len(t.costs) == 0


def test_epochs_count_batches_including_the_short_last_one(moons):
    m = moons.m_train  # 150
    t = make(moons, batch=16)
    assert t.updates_per_epoch == -(-m // 16)
    t.step_epoch()
    assert t.epoch_count == 1 and t.update_count == t.updates_per_epoch
    assert list(t.epoch_ends.since(0)) == [t.updates_per_epoch]
    full = make(moons, batch=0)
    full.run(5)
    assert full.epoch_count == 5


def test_step_epoch_stops_when_told_and_carries_on_with_the_same_epoch(moons):
    t = make(moons, batch=10)
    asked = []

    def seven_updates():
        asked.append(t.update_count)
        return len(asked) <= 7

    assert t.step_epoch(seven_updates) == 7
    assert t.update_count == 7 and t.epoch_count == 0
    assert t.step_epoch() == t.updates_per_epoch - 7
    assert t.epoch_count == 1 and t.update_count == t.updates_per_epoch


def test_stochastic_descent_uses_one_example_per_update(moons):
    t = make(moons, batch=1)
    records = [t.step_phase() for _ in range(t.phases_per_update)]
    assert records[0].reads["A[0]"].shape == (2, 1)
    assert records[0].m == 1


def test_learning_rate_change_applies_to_the_next_update(moons):
    t = make(moons, lr=0.5)
    t.run(5)
    t.set_learning_rate(0.01)
    for _ in range(t.phases_per_update - 1):
        record = t.step_phase()
    record = t.step_phase()
    assert record.kind == UPDATE and record.learning_rate == 0.01
    assert np.allclose(record.writes["W[2]"], record.reads["W[2]"] - 0.01 * record.reads["dW[2]"],
                       rtol=0, atol=1e-15)


def test_l2_pulls_weights_towards_zero(moons):
    plain, decayed = make(moons, l2=0.0), make(moons, l2=5.0)
    plain.run(300)
    decayed.run(300)
    norm = lambda t: sum(float(np.sum(w * w)) for w in t.network.W[1:])
    assert norm(decayed) < 0.8 * norm(plain)


def test_l2_changes_apply_live_even_mid_update_and_to_or_from_zero(moons):
    t = make(moons, l2=0.0)
    t.run(3)
    for l2 in (0.7, 0.0, 0.2):
        before = t.network.copy()
        forward = [t.step_phase() for _ in range(t.L)]
        t.set_l2(l2)  # after the forward phases, before the cost
        rest = [t.step_phase() for _ in range(t.phases_per_update - t.L)]
        expected = before.gradients(moons.X_train, moons.Y_train, l2)
        assert forward[-1].kind == FORWARD and rest[0].kind == COST
        assert rest[0].writes["J"] == pytest.approx(expected.J, rel=1e-12)
        for record in rest[1:-1]:
            l = record.layer
            assert np.allclose(record.writes[f"dW[{l}]"], expected.dW[l], rtol=1e-10, atol=0)
            assert np.allclose(record.writes[f"db[{l}]"], expected.db[l], rtol=1e-10, atol=0)


def test_batch_size_change_takes_effect_at_the_next_update(moons):
    t = make(moons, batch=0)
    t.run(2)
    t.set_batch_size(10)
    record = t.step_phase()
    assert record.m == 10


def exploding(dataset):
    """Linear layers with He weights and a step of 3: the cost after updates 1, 2, 3 is
    about 7.5, 223 and 45,600 on this data (measured), past EXPLODING_COST at update 3."""
    return make(dataset, sizes=(2, 16, 16, 1), activation="linear", init="he", lr=3.0)


@pytest.mark.parametrize("n", [3, 500])
def test_divergence_is_caught_at_the_update_that_caused_it_even_the_last(n):
    data = load_dataset("moons", n=200, noise=0.1, seed=0)
    t = exploding(data)
    t.run(2)
    kept, costs = t.network.theta.copy(), t.costs.exact_values().copy()
    with pytest.raises(TrainingDiverged) as caught:
        t.run(n - 2)
    assert caught.value.update == 3 and caught.value.cost > 1e4
    assert "diverged at update 3" in str(caught.value)
    assert "smaller learning rate" in str(caught.value)
    # Update 3 is undone and not counted: the run stands after update 2.
    assert t.update_count == 2 and t.epoch_count == 2 and t.phase == 0
    assert np.array_equal(t.network.theta, kept)
    assert np.array_equal(t.costs.exact_values(), costs) and list(t.epoch_ends.since(0)) == [1, 2]
    t.set_learning_rate(1e-4)  # and training can go on gently from there
    assert t.run(1) == 1 and t.update_count == 3


@pytest.mark.parametrize("batch", [50, 40, 1])
def test_a_rollback_at_an_epochs_last_batch_keeps_every_epoch_whole(moons, batch):
    """Undoing the update that ended an epoch goes back into that epoch's order: every
    epoch still sees each example once, and epochs keep their length."""
    t = make(moons, batch=batch, lr=0.1)
    per_epoch = t.updates_per_epoch
    t.run(2 * per_epoch - 1)
    last_batch_of_epoch_2 = t._begin_batch()[0].copy()
    before_last_update = t.network.theta.copy()
    t.run(1)  # two epochs, ending exactly at an epoch's end
    t.network.W[1][0, 0] = np.nan  # as if the last update had blown up
    with pytest.raises(TrainingDiverged):
        t.run(1)  # its cost phase sees it and undoes update 2 * per_epoch
    assert t.update_count == 2 * per_epoch - 1 and t.epoch_count == 1
    assert np.array_equal(t.network.theta, before_last_update)
    assert t.batch_index == per_epoch - 1
    seen = []
    for _ in range(1 + per_epoch):
        seen.append(t._begin_batch()[0].copy())
        t.run(1)
    assert np.array_equal(seen[0], last_batch_of_epoch_2)  # the undone update's batch again
    assert list(t.epoch_ends.since(0)) == [per_epoch, 2 * per_epoch, 3 * per_epoch]
    last_epoch = np.hstack(seen[1:])
    assert last_epoch.shape[1] == moons.m_train  # the next epoch is whole again


def test_stepping_catches_divergence_at_the_same_update():
    t = exploding(load_dataset("moons", n=200, noise=0.1, seed=0))
    t.run(3 - 1)
    for _ in range(t.phases_per_update):  # update 3 itself, stepped
        t.step_phase()
    with pytest.raises(TrainingDiverged) as caught:
        for _ in range(t.phases_per_update):  # its cost shows in update 4's cost phase
            t.step_phase()
    assert caught.value.update == 3 and t.update_count == 2 and len(t.costs) == 2


def test_a_huge_cost_before_any_update_does_not_blame_the_learning_rate(moons):
    t = make(moons, sizes=(2, 4, 1), activation="linear", init="he")
    t.network.W[2][:] = 1e6  # outputs far into the wrong side for many examples
    t.network.W[1][:] = 1e3
    J = t.network.cost(moons.X_train, moons.Y_train)
    assert J > 1e6
    t.network.W[1][0, 0] = np.nan
    with pytest.raises(TrainingDiverged) as caught:
        t.run(1)
    assert caught.value.update == 0 and t.update_count == 0
    assert "learning rate is not the cause" in str(caught.value)


def test_a_large_but_finite_starting_cost_may_still_train(moons):
    """Only ten times the starting cost counts as exploding for a model that starts high."""
    t = make(moons, sizes=(2, 1), activation="linear", lr=0.1)
    t.network.W[1][:] = [[4000.0, 4000.0]]
    start = t.network.cost(moons.X_train, moons.Y_train)
    assert start > 1e3
    t.run(50)
    assert t.update_count == 50 and t.costs.exact_values()[-1] < start


def test_wrong_input_size_is_refused_with_the_feature_count(moons):
    with pytest.raises(ConfigError, match="2 features"):
        make(moons, sizes=(3, 4, 1))


def test_zero_initialisation_keeps_hidden_units_identical(moons):
    """The symmetry problem: with all-zero weights and sigmoid hidden units every hidden
    unit stays the same; with tanh (g(0) = 0) the hidden weights stay exactly 0."""
    t = make(moons, sizes=(2, 5, 1), init="zeros", activation="sigmoid")
    t.run(100)
    W1 = t.network.W[1]
    assert np.allclose(W1, W1[0])
    tanh = make(moons, sizes=(2, 5, 1), init="zeros")
    tanh.run(100)
    assert not np.any(tanh.network.W[1])


def test_a_non_finite_cost_is_caught_and_never_recorded(moons):
    t = make(moons)
    t.run(5)
    t.network.W[2][0, 0] = np.nan
    with pytest.raises(TrainingDiverged, match="not a number"):
        t.step_update()
    # The guard cannot tell a poked weight from a bad step: it undoes update 5.
    assert t.update_count == 4 and len(t.costs) == 4
    assert np.all(np.isfinite(t.costs.exact_values())) and np.all(np.isfinite(t.network.W[2]))


def test_run_stops_early_when_asked_and_counts_what_it_did(moons):
    t = make(moons)
    answers = iter([True, True, True, False])
    assert t.run(10, keep_going=lambda: next(answers)) == 3
    assert t.update_count == 3 and t.phase == 0
    assert t.run(4, keep_going=lambda: True) == 4


def test_a_snapshot_stream_hands_on_every_cost_once(moons):
    from engine.snapshot import SnapshotStream, make_session_info

    t = make(moons, batch=16)
    stream = SnapshotStream(t, make_session_info(t, resolution=5))
    costs, ends = [], []
    for n in (3, 0, 17, 1):
        t.run(n)
        snap = stream.take()
        costs.extend(snap.new_costs)
        ends.extend(snap.new_epoch_ends)
        assert snap.update == t.update_count
    assert np.array_equal(costs, t.costs.exact_values())
    assert ends == list(t.epoch_ends.since(0)) == [10, 20]
    before = stream.previous
    t.run(2)
    reused = stream.take(reuse_boundary=True)
    assert reused.boundary is before.boundary and reused.boundary_update == 21
    assert reused.update == 23


def test_a_run_longer_than_the_exact_window_is_handed_on_whole_and_kept_bounded(
        moons, monkeypatch):
    """Between two snapshots the trainer may run far more updates than it keeps exactly
    (a long Step epoch): the stream holds them until they are sent, none is skipped, and
    afterwards the trainer's history is back to its bounded size. (A window of 100
    exact costs and 8 blocks here, so that a short run folds a lot.)"""
    from functools import partial

    from engine.folded_history import FoldedHistory
    from engine.snapshot import SnapshotStream, make_session_info

    monkeypatch.setattr("engine.trainer.FoldedHistory",
                        partial(FoldedHistory, recent=100, max_blocks=8))
    streamed, alone = make(moons, sizes=(2, 1)), make(moons, sizes=(2, 1))
    stream = SnapshotStream(streamed, make_session_info(streamed, resolution=5))
    sent = []
    for n in (5, 2000, 17, 0, 300, 1, 450):
        streamed.run(n)
        sent.append(stream.take(with_boundary=False).new_costs)
    sent = np.concatenate(sent)
    alone.run(len(sent))
    assert len(sent) == streamed.update_count == len(alone.costs) == len(streamed.costs)
    # Every cost, once, in order: the exact tail and the blocks of a trainer that ran
    # the same updates with nobody reading agree with what was sent.
    costs = alone.costs
    np.testing.assert_array_equal(costs.exact_values(), sent[costs.exact_start:])
    x0, x1, lo, hi, _ = costs.blocks()
    for first, last, low, high in zip(x0.astype(int), x1.astype(int), lo, hi):
        assert (low, high) == (sent[first - 1:last].min(), sent[first - 1:last].max())
    assert streamed.costs.nbytes == alone.costs.nbytes
    assert streamed.costs.exact_start > 0
