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
    group.keep_up(main_run(load_dataset("moons", n=200, noise=0.3, seed=0)))
    assert group.report().forks == ()


def test_the_same_data_loaded_again_keeps_the_comparisons(moons):
    # A lesson step that changes only the learning rate builds the run again from
    # freshly loaded data: the same examples, so the forks are remade, not closed.
    parent = main_run(moons)
    group = RunGroup()
    group.add(parent, ForkChange(L2, 0.01))
    group.report()
    group.keep_up(main_run(load_dataset("moons", n=200, noise=0.2, seed=0), lr=0.1))
    report = group.report()
    assert [snap.label for snap in report.forks] == ["λ = 0.01"] and report.refusal == ""


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
    parent.set_learning_rate(0.7)
    group.follow(parent, LEARNING_RATE, 0.7)
    group.keep_up(parent)
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


def costs_of(trainer):
    return np.array(trainer.costs.since(0))


def assert_fork_gives_the_main_runs_costs(group, parent, updates):
    """The one fork is at the main run's `updates` updates, with its costs to ~1e-9."""
    fork = group.forks[0].trainer
    assert fork.update_count == parent.update_count == updates
    np.testing.assert_allclose(costs_of(fork), costs_of(parent), rtol=0, atol=1e-9)
    return fork


def watched_run(data, group, **settings):
    parent = main_run(data, **settings)
    group.watch(parent)
    return parent


def change_main(group, parent, setting, value):
    """As the worker does: the main run's setting, then the group told."""
    {LEARNING_RATE: parent.set_learning_rate, L2: parent.set_l2,
     BATCH_SIZE: parent.set_batch_size}[setting](value)
    group.follow(parent, setting, value)


# A fork whose one change makes no difference to speak of must give the main run's
# costs: every other setting it has, it has at the same updates as the main run.
NEGLIGIBLE_L2 = ForkChange(L2, 1e-15)
NEGLIGIBLE_ALPHA = ForkChange(LEARNING_RATE, 0.5 * (1 + 1e-13))
# The other two settings, each changed twice by the main run.
OTHERS = {NEGLIGIBLE_L2: [(LEARNING_RATE, 0.05), (BATCH_SIZE, 20), (LEARNING_RATE, 0.2)],
          NEGLIGIBLE_ALPHA: [(L2, 0.01), (BATCH_SIZE, 20), (L2, 0.002)]}


@pytest.mark.parametrize("change, setting, value", [
    (NEGLIGIBLE_L2, BATCH_SIZE, 50), (NEGLIGIBLE_L2, LEARNING_RATE, 0.2),
    (NEGLIGIBLE_ALPHA, BATCH_SIZE, 50), (NEGLIGIBLE_ALPHA, L2, 0.01)])
def test_a_setting_changed_in_the_middle_of_an_update_reaches_the_fork_there(
        moons, change, setting, value):
    group = RunGroup()
    parent = watched_run(moons, group)
    group.add(parent, change)
    parent.run(3)
    group.keep_up(parent)
    parent.step_phase()
    parent.step_phase()
    change_main(group, parent, setting, value)
    group.keep_up(parent)
    parent.step_update()
    parent.run(20)
    group.keep_up(parent)
    fork = assert_fork_gives_the_main_runs_costs(group, parent, 24)
    assert fork.batch_size == parent.batch_size


@pytest.mark.parametrize("made_first", [True, False])
@pytest.mark.parametrize("change", [NEGLIGIBLE_L2, NEGLIGIBLE_ALPHA])
def test_a_fork_has_the_settings_the_main_run_had_when_it_had_them(moons, change, made_first):
    # made first: it follows along; made last: it replays them on its way up
    (first, second, third) = OTHERS[change]
    group = RunGroup()
    parent = watched_run(moons, group)
    if made_first:
        group.add(parent, change)
    steps = [lambda: parent.run(50), lambda: change_main(group, parent, *first),
             lambda: parent.run(5), parent.step_phase,
             lambda: change_main(group, parent, *second),   # in update 56: from 57 on
             lambda: parent.run(10)]
    steps += [parent.step_back_update] * 12                 # back over it, to update 53
    steps += [lambda: change_main(group, parent, *third), lambda: parent.run(16)]
    for step in steps:
        step()
        group.keep_up(parent)
    if not made_first:
        group.add(parent, change)
    assert_fork_gives_the_main_runs_costs(group, parent, 69)


def test_a_run_brought_back_by_undo_has_its_forks_remade_with_its_own_settings(moons):
    group = RunGroup()
    first = watched_run(moons, group)
    group.add(first, ForkChange(L2, 1e-15))
    first.run(30)
    change_main(group, first, LEARNING_RATE, 0.05)
    first.run(30)
    reset = watched_run(moons, group, lr=0.05)   # a reset, as the worker makes it
    group.keep_up(reset)
    group.keep_up(first)                         # and undone
    assert_fork_gives_the_main_runs_costs(group, first, 60)


def test_catching_up_stops_when_told_and_goes_on_from_there(moons):
    group = RunGroup()
    parent = watched_run(moons, group)
    parent.run(400)
    asked = iter(range(150))
    group.add(parent, ForkChange(L2, 1e-15), keep_going=lambda: next(asked, None) is not None)
    assert group.behind() == [("λ = 1e-15", 150)]
    assert group.report().message == "Added the run with λ = 1e-15."
    group.keep_up(parent)
    assert group.behind() == []
    assert_fork_gives_the_main_runs_costs(group, parent, 400)


def test_a_phase_stepped_back_over_a_change_runs_again_with_it_on_the_fork_too(moons):
    group = RunGroup()
    parent = watched_run(moons, group)
    group.add(parent, NEGLIGIBLE_ALPHA)
    parent.run(3)
    for _ in range(5):            # past the cost, which reads lambda
        parent.step_phase()
    change_main(group, parent, L2, 0.05)
    change_main(group, parent, BATCH_SIZE, 30)
    parent.step_phase()
    group.keep_up(parent)
    parent.step_back_phase()      # phases 1-5 again: the cost now with lambda 0.05
    group.keep_up(parent)
    parent.step_update()
    parent.run(5)
    group.keep_up(parent)
    fork = assert_fork_gives_the_main_runs_costs(group, parent, 9)
    assert parent.batch_size == fork.batch_size == 30
