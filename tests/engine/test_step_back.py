"""Stepping back: a phase, an update, across update and epoch boundaries, and forward
again to the very same numbers."""
import tracemalloc

import numpy as np
import pytest

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.rewind import KEEP_UPDATES, UpdateStarts
from engine.trainer import Trainer, TrainingDiverged


@pytest.fixture(scope="module")
def xor():
    return load_dataset("xor", n=60, noise=0.1, seed=3)


def make(dataset, sizes=(2, 4, 3, 1), batch=0, lr=0.5, fast=True):
    return Trainer(dataset, make_model_config(sizes, "tanh", "xavier", 2),
                   make_train_config(lr, 0.0, batch), fast=fast)


def state(trainer):
    """Everything an update's numbers depend on, and the counters."""
    return (trainer.network.theta.copy(), trainer.update_count, trainer.epoch_count,
            trainer.batch_index, trainer.phase, trainer.costs.exact_values().copy(),
            trainer.batch_examples().copy(), len(trainer.epoch_ends))


def assert_same(a, b):
    assert a[1:5] == b[1:5]
    assert np.array_equal(a[0], b[0])
    assert np.array_equal(a[5], b[5])
    assert np.array_equal(a[6], b[6])
    assert a[7] == b[7]


def records_equal(r, s):
    return (r.spec.index == s.spec.index and r.update == s.update and
            all(np.array_equal(r.reads[k], s.reads[k]) for k in r.reads) and
            all(np.array_equal(r.writes[k], s.writes[k]) for k in r.writes) and
            np.array_equal(r.examples, s.examples))


@pytest.mark.parametrize("batch", [0, 16, 1])
def test_fifty_updates_back_then_forward_give_identical_arrays(xor, batch):
    trainer = make(xor, batch=batch)
    states = [state(trainer)]
    for _ in range(50):
        trainer.step_update()
        states.append(state(trainer))
    assert trainer.epoch_count >= (50 if batch == 0 else 1)  # epochs were crossed
    for k in range(50, 0, -1):
        assert trainer.updates_back() == k
        trainer.step_back_update()
        assert_same(state(trainer), states[k - 1])
    assert not trainer.can_step_back()
    with pytest.raises(IndexError, match="start of the run"):
        trainer.step_back_update()
    for k in range(1, 51):
        trainer.step_update()
        assert_same(state(trainer), states[k])


def test_a_phase_back_across_an_update_boundary_gives_the_same_record(xor):
    trainer = make(xor, batch=16)
    P = trainer.phases_per_update
    records = [trainer.step_phase() for _ in range(3 * P)]
    # At the start of update 4: one phase back is update 3 with all but its last phase run.
    again = trainer.step_back_phase()
    assert (trainer.update_count, trainer.phase) == (2, P - 1)
    assert records_equal(again, records[3 * P - 2])
    assert [r.spec.index for r in trainer.phase_records] == list(range(P - 1))
    # Back one phase at a time to the start, each time the record of the phase before.
    for done in range(3 * P - 2, -1, -1):   # phases done overall after this step
        again = trainer.step_back_phase()
        assert trainer.update_count * P + trainer.phase == done
        if done % P == 0:
            assert again is None and trainer.phase == 0
        else:
            assert records_equal(again, records[done - 1])
    assert (trainer.update_count, trainer.phase) == (0, 0)
    # And forward again, phase by phase: the same records.
    for original in records:
        assert records_equal(trainer.step_phase(), original)


def test_back_an_update_from_the_middle_of_one_goes_to_its_start(xor):
    trainer = make(xor)
    trainer.step_update()
    before = state(trainer)
    for _ in range(4):
        trainer.step_phase()
    assert trainer.updates_back() == 2    # this update's start, and the one before
    assert trainer.step_back_update() is None
    assert_same(state(trainer), before)


def test_going_back_after_playing_on_the_fast_route_restores_the_kept_parameters(xor):
    trainer = make(xor, batch=8)
    thetas = []
    for _ in range(30):
        thetas.append(trainer.network.theta.copy())
        trainer.run(1)
    for k in range(29, 19, -1):
        trainer.step_back_update()
        assert np.array_equal(trainer.network.theta, thetas[k])
    assert trainer.update_count == 20 and len(trainer.costs) == 20


def test_only_the_last_updates_are_kept(xor):
    trainer = make(xor)
    trainer.run(KEEP_UPDATES + 40)
    assert trainer.updates_back() == KEEP_UPDATES
    for _ in range(KEEP_UPDATES):
        trainer.step_back_update()
    with pytest.raises(IndexError, match="no longer kept"):
        trainer.step_back_update()
    assert trainer.update_count == 40    # a refused step changes nothing


def test_a_big_model_keeps_fewer_starts_within_the_memory_budget():
    starts = UpdateStarts(parameter_count=4_000_000)
    assert starts.capacity == 2
    assert UpdateStarts(parameter_count=31).capacity == KEEP_UPDATES + 1


def test_the_batch_examples_name_the_columns_of_each_record(xor):
    trainer = make(xor, batch=16)
    trainer.run(5)   # into the epoch's shuffled order
    record = trainer.step_phase()
    X = xor.X_train[:, record.examples]
    assert np.array_equal(record.reads["A[0]"], X)
    chosen = int(record.examples[3])
    assert record.column_of(chosen) == 3
    outside = next(i for i in range(xor.X_train.shape[1]) if i not in record.examples)
    assert record.column_of(outside) is None


def test_a_batch_size_set_while_back_applies_from_the_next_update(xor):
    trainer = make(xor, batch=16)
    trainer.run(6)
    trainer.set_batch_size(8)      # at an update's start: applies now
    trainer.step_back_update()     # to a start with batch 16
    assert trainer.batch_size == 16
    trainer.step_update()
    assert trainer.batch_size == 8


def test_stepping_an_update_after_stepping_its_phases_gives_the_same_numbers(xor):
    trainer = make(xor, batch=16)
    trainer.run(3)
    for _ in range(trainer.phases_per_update):
        trainer.step_phase()
    phase_by_phase = state(trainer)
    trainer.step_back_update()
    trainer.step_update()   # the readable functions too, not the fast route
    assert_same(state(trainer), phase_by_phase)


def test_a_divergence_after_stepping_back_undoes_the_right_update(xor):
    """Raising lambda after a step back makes the next cost explode: the update before
    is undone from its kept start, counters and weights together."""
    trainer = make(xor, batch=1, lr=2.0)
    states = [state(trainer)]
    for _ in range(300):
        trainer.run(1)
        states.append(state(trainer))
    trainer.step_back_update()                      # at the start of update 300
    trainer.set_l2(100)                             # with m = 1: J grows by 50 ||W||^2
    with pytest.raises(TrainingDiverged, match="at update 299") as diverged:
        for _ in range(trainer.phases_per_update):
            trainer.step_phase()                    # the cost phase sees it
    assert diverged.value.undone
    assert (trainer.update_count, trainer.phase) == (298, 0)
    assert np.array_equal(trainer.network.theta, states[298][0])
    assert len(trainer.costs) == 298


def test_after_a_rollback_at_an_epochs_end_the_next_epoch_is_drawn_as_before(xor):
    """The update that ended an epoch is undone: the generator goes back to before the
    next epoch's shuffle, so stepping on draws the same order as a run that never
    diverged."""
    twin, trainer = make(xor, batch=16), make(xor, batch=16)
    per_epoch = trainer.updates_per_epoch
    twin.run(2 * per_epoch - 1)
    trainer.run(2 * per_epoch)                      # ends epoch 2 and shuffles epoch 3
    trainer.network.W[1][0, 0] = np.nan             # as if that update had blown up
    with pytest.raises(TrainingDiverged):
        trainer.run(1)
    assert_same(state(trainer), state(twin))
    for _ in range(per_epoch + 2):                  # into epoch 3
        trainer.run(1)
        twin.run(1)
        assert_same(state(trainer), state(twin))


def test_the_kept_starts_hold_no_copy_of_the_data():
    """Many short epochs within the last 100 updates: each kept start holds how its order
    was drawn, not the order nor the rows in that order."""
    big = load_dataset("xor", n=60_000, noise=0.1, seed=1)
    trainer = make(big, batch=big.X_train.shape[1] // 2 + 1)   # two updates an epoch
    trainer.run(3)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    trainer.run(100)
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    # One epoch's rows (4 x 45,000 floats) is 1.4 MB; 50 epochs kept would be 72 MB.
    assert grown < 5 * 2**20
    trainer.step_back_update()      # and the starts still restore the epochs exactly
    assert trainer.updates_back() == KEEP_UPDATES - 1
