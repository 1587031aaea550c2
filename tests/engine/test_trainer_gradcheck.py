"""The window's gradient check of a Trainer: the right batch, a size that fits the time
budget, a verdict that catches a wrong backprop, and a trainer left as it was."""
import numpy as np
import pytest

from engine import backprop
from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.gradcheck import FAIL, PASS
from engine.trainer import Trainer
from engine.trainer_gradcheck import (
    BUDGET_SECONDS,
    MAX_EXAMPLES,
    MAX_PER_ARRAY,
    MIN_EXAMPLES,
    check_size,
    check_trainer,
    estimated_seconds,
)


@pytest.fixture(scope="module")
def xor():
    return load_dataset("xor", n=200, noise=0.2, seed=0)


def make(dataset, sizes=(2, 3, 1), activation="tanh", l2=0.0, batch=0, seed=0):
    return Trainer(dataset, make_model_config(sizes, activation, "xavier", seed),
                   make_train_config(0.5, l2, batch))


def test_a_small_net_is_checked_whole_on_the_whole_training_set(xor):
    trainer = make(xor, l2=0.3)
    trainer.run(25)
    report = check_trainer(trainer)
    assert report.verdict == PASS
    assert [a.name for a in report.arrays] == ["W[1]", "b[1]", "W[2]", "b[2]"]
    assert report.entries_checked == report.parameter_count == 13
    assert report.max_per_array is None
    assert (report.examples, report.batch_examples, report.training_examples) == (150, 150, 150)
    assert report.whole_training_set and not report.sampled_examples
    assert (report.update_count, report.phase, report.l2) == (25, 0, 0.3)


def test_a_deeper_tanh_net_passes(xor):
    trainer = make(xor, sizes=(2, 4, 3, 1))
    trainer.run(10)
    assert check_trainer(trainer).verdict == PASS


def test_a_wrong_dW_fails_every_weight_array_and_no_bias(xor, monkeypatch):
    correct = backprop.layer_gradients

    def one_percent_too_big(dZ, A_prev, W, lambd):
        dW, db = correct(dZ, A_prev, W, lambd)
        return dW * 1.01, db

    monkeypatch.setattr(backprop, "layer_gradients", one_percent_too_big)
    report = check_trainer(make(xor, sizes=(2, 4, 3, 1)))
    assert report.verdict == FAIL
    assert {a.name: a.status for a in report.arrays} == {
        "W[1]": FAIL, "b[1]": PASS, "W[2]": FAIL, "b[2]": PASS, "W[3]": FAIL, "b[3]": PASS}


def test_mid_update_it_checks_the_batch_of_that_update(xor):
    trainer = make(xor, batch=16)
    trainer.run(3)
    trainer.step_phase()   # forward of layer 1: the batch of update 4 is under way
    X, Y = trainer.current_batch()
    assert X.shape == (2, 16) and not X.flags.writeable and not Y.flags.writeable
    assert np.array_equal(X, trainer.value("A[0]")) and np.array_equal(Y, trainer.value("Y"))
    report = check_trainer(trainer)
    assert (report.examples, report.batch_examples, report.phase) == (16, 16, 1)
    assert not report.whole_training_set


def test_between_updates_it_checks_the_batch_the_next_update_takes(xor):
    trainer = make(xor, batch=16)
    trainer.run(3)
    X, _ = trainer.current_batch()
    trainer.step_phase()
    assert np.array_equal(X, trainer.value("A[0]"))


def test_the_trainer_goes_on_exactly_as_if_nothing_had_been_checked(xor):
    checked, plain = make(xor, batch=16), make(xor, batch=16)
    for t in (checked, plain):
        t.run(2)
        t.step_phase()
    check_trainer(checked)
    for t in (checked, plain):
        t.run(5)
    assert all(np.array_equal(a, b) for a, b in zip(checked.network.W[1:], plain.network.W[1:]))
    assert checked.rng.bit_generator.state == plain.rng.bit_generator.state


def test_a_big_batch_is_sampled_the_same_way_each_time():
    digits = load_dataset("digits")
    trainer = make(digits, sizes=(64, 32, 16, 1))
    a, b = check_trainer(trainer), check_trainer(trainer)
    assert a.verdict == PASS
    assert (a.examples, a.batch_examples) == (MAX_EXAMPLES, digits.m_train)
    assert a.sampled_examples
    assert a.max_per_array == MAX_PER_ARRAY
    assert [x.checked for x in a.arrays] == [500, 32, 500, 16, 16, 1]
    assert all(np.array_equal(x.numeric, y.numeric) for x, y in zip(a.arrays, b.arrays))


@pytest.mark.parametrize("sizes", [(2, 3, 1), (64, 32, 16, 1), (64, 128, 128, 128, 1),
                                   (2,) + (64,) * 10 + (1,), (64, 512, 512, 1)])
def test_the_size_fits_the_time_budget(sizes):
    size = check_size(sizes, 1347)
    _, seconds = estimated_seconds(sizes, size)
    assert seconds <= BUDGET_SECONDS
    assert size.examples == MAX_EXAMPLES


def test_a_huge_net_still_checks_every_array_on_fewer_examples():
    sizes = (1024,) + (1024,) * 11 + (1,)
    size = check_size(sizes, 5000)
    assert size.max_per_array == 1
    assert MIN_EXAMPLES <= size.examples < MAX_EXAMPLES
    entries, _ = estimated_seconds(sizes, size)
    assert entries == 2 * (len(sizes) - 1)


def test_a_batch_smaller_than_the_sample_is_used_whole():
    assert check_size((2, 3, 1), 7).examples == 7
    assert check_size((2, 3, 1), 7).max_per_array is None
