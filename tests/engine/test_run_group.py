"""Same-start comparisons: forks start where the main run started, see its batches, and
stay in lockstep with it (engine/run_group.py, engine/fork_change.py)."""
import numpy as np
import pytest

from engine.config import ConfigError, make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.fork_change import (
    ACTIVATION,
    BATCH_SIZE,
    INIT,
    L2,
    LEARNING_RATE,
    ForkChange,
    parse_change,
)
from engine.run_group import MAX_FORKS, RunGroup, make_fork
from engine.trainer import Trainer


@pytest.fixture(scope="module")
def moons():
    return load_dataset("moons", n=200, noise=0.2, seed=0)


def main_run(data, batch_size=10, activation="tanh", init="xavier", lr=0.5):
    return Trainer(data, make_model_config((2, 8, 8, 1), activation, init, 3),
                   make_train_config(lr, 0.0, batch_size))


def first_epoch_batches(trainer):
    batches = []
    for _ in range(trainer.updates_per_epoch):
        batches.append(trainer.batch_examples().copy())
        trainer.run(1)
    return batches


@pytest.mark.parametrize("change", [ForkChange(LEARNING_RATE, 0.05),
                                    ForkChange(ACTIVATION, "relu"),
                                    ForkChange(L2, 0.1)])
def test_a_fork_starts_from_the_main_runs_first_weights_even_when_forked_later(moons, change):
    parent = main_run(moons)
    start = parent.network.theta.copy()
    parent.run(57)
    fork = make_fork(parent, change)
    assert fork.update_count == 0
    np.testing.assert_array_equal(fork.network.theta, start)
    assert not np.array_equal(parent.network.theta, start)


@pytest.mark.parametrize("change", [ForkChange(LEARNING_RATE, 0.05),
                                    ForkChange(INIT, "zeros"), ForkChange(INIT, "he")])
def test_a_fork_sees_the_main_runs_batches_in_the_same_order(moons, change):
    parent = main_run(moons)
    fork = make_fork(parent, change)
    parent_batches = first_epoch_batches(parent)
    fork_batches = first_epoch_batches(fork)
    assert len(parent_batches) == 15
    for ours, theirs in zip(parent_batches, fork_batches):
        np.testing.assert_array_equal(ours, theirs)
    # and the next epoch's shuffle too
    np.testing.assert_array_equal(parent.batch_examples(), fork.batch_examples())
    assert not np.array_equal(parent_batches[0], parent.batch_examples())


def test_a_fork_with_nothing_changed_reproduces_the_main_runs_costs_exactly(moons):
    parent = main_run(moons)
    parent.run(40)
    group = RunGroup()
    fork = make_fork(parent, ForkChange(LEARNING_RATE, 0.5))
    fork.run(40)
    parent.run(60)
    fork.run(60)
    np.testing.assert_array_equal(fork.costs.exact_values(), parent.costs.exact_values())
    np.testing.assert_array_equal(fork.network.theta, parent.network.theta)
    assert group.forks == []


def test_a_fork_with_another_learning_rate_differs_and_keeps_in_step(moons):
    parent = main_run(moons)
    parent.run(30)
    group = RunGroup()
    group.add(parent, ForkChange(LEARNING_RATE, 0.05))
    report = group.report()
    assert report.message == "Added the run with α = 0.05."
    (snap,) = report.forks
    assert (snap.update, snap.first_update, len(snap.new_costs)) == (30, 1, 30)
    assert snap.new_costs[0] == parent.costs.exact_values()[0]   # the same start and batch
    assert not np.allclose(snap.new_costs[1:], parent.costs.exact_values()[1:30])
    parent.run(25)
    group.keep_up(parent)
    (snap,) = group.report().forks
    assert (snap.update, snap.first_update, len(snap.new_costs)) == (55, 31, 25)
    assert snap.label == "α = 0.05" and snap.stopped == ""
    assert snap.dW_norms.shape == (3,) and not snap.dW_norms.flags.writeable


def test_forks_step_back_with_the_main_run_and_follow_a_reset(moons):
    parent = main_run(moons)
    group = RunGroup()
    group.add(parent, ForkChange(BATCH_SIZE, 1))
    parent.run(20)
    group.keep_up(parent)
    group.report()
    parent.step_back_update()
    parent.step_back_update()
    group.keep_up(parent)
    (snap,) = group.report().forks
    assert (snap.update, snap.first_update, len(snap.new_costs)) == (18, 19, 0)
    old_key = snap.key
    reset = Trainer(moons, parent.model, make_train_config(0.5, 0.0, 10))   # as the worker's
    group.keep_up(reset)
    (snap,) = group.report().forks
    assert snap.key != old_key and snap.update == 0 and snap.label == "stochastic (batch 1)"
    group.keep_up(Trainer(moons, parent.model, make_train_config(0.5, 0.0, 1)))
    report = group.report()
    assert report.forks == () and "now has stochastic (batch 1) too" in report.refusal


def test_new_data_or_a_new_model_closes_the_comparisons(moons):
    parent = main_run(moons)
    group = RunGroup()
    group.add(parent, ForkChange(LEARNING_RATE, 0.1))
    group.report()
    group.keep_up(main_run(moons, activation="relu"))
    report = group.report()
    assert report.forks == () and report.refusal.startswith(
        "The compared runs were closed: the main run has new data or a new model.")
    group.add(parent, ForkChange(LEARNING_RATE, 0.1))
    group.keep_up(main_run(load_dataset("moons", n=200, noise=0.2, seed=0)))
    assert group.report().forks == ()


def test_a_diverging_fork_stops_and_says_so_while_the_main_run_goes_on(moons):
    parent = main_run(moons, batch_size=0, activation="linear", init="he")
    group = RunGroup()
    group.add(parent, ForkChange(LEARNING_RATE, 5.0))
    parent.run(300)
    group.keep_up(parent)
    (snap,) = group.report().forks
    assert snap.stopped == "diverged at update 3"
    assert snap.update == 2 and parent.update_count == 300


def test_limits_and_refusals_keep_the_forks_there_are(moons):
    parent = main_run(moons)
    group = RunGroup()
    for lr in (0.1, 0.2, 0.3):
        group.add(parent, ForkChange(LEARNING_RATE, lr))
    assert len(group.forks) == MAX_FORKS
    group.report()
    group.add(parent, ForkChange(LEARNING_RATE, 0.4))
    assert group.report().refusal == ("No new run: at most 4 runs are compared (the main run "
                                      "and 3 more); remove one first.")
    group.remove(group.forks[0].key)
    group.add(parent, ForkChange(LEARNING_RATE, 0.5))
    assert "the main run already has α = 0.5" in group.report().refusal
    group.add(parent, ForkChange(LEARNING_RATE, 0.2))
    assert "there is already a run with α = 0.2" in group.report().refusal
    assert [f.label for f in group.forks] == ["α = 0.2", "α = 0.3"]
    logistic = Trainer(moons, make_model_config((2, 1), (), "xavier", 0),
                       make_train_config(0.5, 0.0, 0))
    group.add(logistic, ForkChange(ACTIVATION, "relu"))
    assert "has no hidden layer" in group.report().refusal


def test_other_settings_changed_on_the_main_run_change_on_the_forks(moons):
    parent = main_run(moons)
    group = RunGroup()
    group.add(parent, ForkChange(LEARNING_RATE, 0.1))
    group.add(parent, ForkChange(L2, 0.01))
    group.follow(LEARNING_RATE, 0.7)
    assert [f.trainer.learning_rate for f in group.forks] == [0.1, 0.7]


@pytest.mark.parametrize("setting, text, value, label", [
    (LEARNING_RATE, " 0.05", 0.05, "α = 0.05"), (L2, "1e-2", 0.01, "λ = 0.01"),
    (BATCH_SIZE, "10", 10, "batch 10"), (BATCH_SIZE, "0", 0, "full batch"),
    (ACTIVATION, "ReLU", "relu", "ReLU"), (ACTIVATION, "leaky relu", "leaky_relu", "leaky ReLU"),
    (INIT, "He", "he", "He init"), (INIT, "zeros", "zeros", "zeros init"),
])
def test_typed_values_become_changes_named_for_the_legend(setting, text, value, label):
    change = parse_change(setting, text, m_train=150)
    assert change == ForkChange(setting, value) and change.label == label


@pytest.mark.parametrize("setting, text, message", [
    (LEARNING_RATE, "fast", "learning rate must be a number, got 'fast'"),
    (LEARNING_RATE, "20", "learning rate must be between 1e-05 and 10, got 20"),
    (BATCH_SIZE, "2.5", "batch size must be a whole number, got 2.5"),
    (BATCH_SIZE, "500", "batch size must be at most the 150 training examples"),
    (ACTIVATION, "softmax", "unknown hidden activation 'softmax'; choose from sigmoid, tanh"),
    (L2, "", "type a value for the L2 λ"),
])
def test_bad_values_say_what_is_allowed(setting, text, message):
    with pytest.raises(ConfigError, match="^" + message.replace("(", r"\(")):
        parse_change(setting, text, m_train=150)
