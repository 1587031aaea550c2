"""Every shipped lesson's claim, trained headlessly through the engine, with the figures
the issue asks for asserted here as numbers (not only through the lesson's own checks)."""
import numpy as np
import pytest

from engine.lessons.claims import check_claim
from engine.lessons.figures import FIGURES, train_run
from engine.lessons.library import bundled_lessons
from engine.lessons.reading import lesson_from_dict, lesson_to_dict
from engine.trainer import Trainer

LIBRARY = bundled_lessons()
IDS = ("logistic-regression", "hidden-layer", "learning-rate", "vanishing-gradients",
       "symmetry", "batch-modes", "digits", "one-neuron", "l2-regularisation",
       "extra-features")


def runs_of(lesson_id):
    """{run name: RunResult} of the lesson's claim."""
    lesson = LIBRARY.find(lesson_id)
    return {run.name: train_run(run, lesson.settings) for run in lesson.claim.runs}


def figure(result, name):
    return FIGURES[name].measure(result)


def test_every_lesson_of_the_issue_is_shipped_and_readable():
    assert LIBRARY.problems == ()
    assert {lesson.id for lesson in LIBRARY.lessons} >= set(IDS)


@pytest.mark.parametrize("lesson_id", IDS)
def test_the_claim_holds(lesson_id):
    result = check_claim(LIBRARY.find(lesson_id))
    assert result.passed, result.summary()
    assert len(result.outcomes) == len(LIBRARY.find(lesson_id).claim.checks)


def test_logistic_regression_learns_separable_data():
    (run,) = runs_of("logistic-regression").values()
    assert run.trainer.network.L == 1
    assert figure(run, "test_accuracy") >= 0.98
    assert figure(run, "train_accuracy") >= 0.98


def test_no_hidden_layer_fails_on_circles_and_one_tanh_layer_succeeds():
    runs = runs_of("hidden-layer")
    assert figure(runs["no hidden layer"], "test_accuracy") <= 0.75
    tanh = runs["8 tanh units"]
    assert tanh.trainer.network.activation_names[:1] == ("tanh",)
    assert figure(tanh, "test_accuracy") >= 0.95


def test_learning_rates_too_small_good_and_too_large():
    runs = runs_of("learning-rate")
    small, good, large = runs["alpha 0.0001"], runs["alpha 0.5"], runs["alpha 10"]
    assert small.trainer.update_count == 500 and not small.diverged
    assert 0 < figure(small, "cost_drop") <= 0.05
    assert figure(good, "cost_drop") >= 0.95 and not good.diverged
    # The trainer's own guard stopped the run and undid the exploding update.
    assert large.diverged and large.trainer.update_count < 500
    assert np.all(np.isfinite(large.trainer.network.theta))


def test_sigmoid_gradients_vanish_while_tanh_and_relu_keep_them():
    lesson = LIBRARY.find("vanishing-gradients")
    assert len(lesson.settings.model.hidden_sizes) >= 6
    ratios = {}
    for seed in range(5):
        seeded = {"model": {"seed": seed}}
        for run in lesson.claim.runs:
            changes = {part: dict(values) for part, values in run.changes.items()}
            changes.setdefault("model", {}).update(seeded["model"])
            result = train_run(type(run)(run.name, changes, updates=0), lesson.settings)
            ratios.setdefault(run.name, []).append(figure(result, "gradient_ratio"))
    assert min(ratios["sigmoid"]) >= 100
    for name in ("tanh + Xavier", "ReLU + He"):
        assert all(0.1 <= r <= 10 for r in ratios[name]), (name, ratios[name])


def test_zero_start_with_sigmoid_units_keeps_them_identical():
    runs = runs_of("symmetry")
    zeros, one, small = runs["zeros"], runs["one hidden unit"], runs["small random"]
    assert zeros.trainer.update_count >= 3000
    W1 = zeros.trainer.network.W[1]
    assert W1.shape[0] == 4 and np.any(W1 != 0)       # they learned, and all alike
    assert np.array_equal(W1, np.repeat(W1[:1], 4, axis=0))
    assert figure(zeros, "train_accuracy") <= figure(one, "train_accuracy") + 0.02
    assert figure(small, "unit_spread") > 0.1
    assert figure(small, "train_accuracy") >= 0.95


def test_stochastic_descent_is_noisier_and_takes_more_updates_from_the_same_start():
    lesson = LIBRARY.find("batch-modes")
    starts = []
    for run in lesson.claim.runs:
        settings = lesson.settings.changed(run.changes)
        dataset = settings.dataset()
        starts.append(Trainer(dataset, settings.model_config(dataset.n_x),
                              settings.train_config()).network.theta.copy())
    assert all(np.array_equal(starts[0], s) for s in starts[1:])
    runs = runs_of("batch-modes")
    full, mini, sgd = runs["full batch"], runs["mini-batch of 10"], runs["stochastic"]
    # The same number of examples seen: 30 epochs each.
    assert full.trainer.epoch_count == mini.trainer.epoch_count == sgd.trainer.epoch_count == 30
    # Noise of the descent itself, on every training example after each update: full
    # batch only goes down, mini-batches climb back a little, single examples a lot.
    assert len(full.training_costs) == 31 and len(sgd.training_costs) == 30 * 150 + 1
    assert figure(full, "cost_climb") == 0
    assert 0 < figure(mini, "cost_climb") < 0.5
    assert figure(sgd, "cost_climb") >= max(0.5, 10 * figure(mini, "cost_climb"))
    assert (figure(sgd, "updates_per_epoch") > figure(mini, "updates_per_epoch")
            > figure(full, "updates_per_epoch") == 1)


def batch_modes_variant(learning_rate=None, runs=None):
    """The batch-modes lesson as JSON with another learning rate or other runs."""
    value = lesson_to_dict(LIBRARY.find("batch-modes"))
    if learning_rate is not None:
        value["training"]["learning_rate"] = learning_rate
    if runs is not None:
        value["claim"]["runs"] = runs
    return lesson_from_dict(value)


def test_the_noise_claim_fails_when_the_weights_barely_move():
    result = check_claim(batch_modes_variant(learning_rate=1e-5))
    at_least, _than_mini, mini_than_full = [o for o in result.outcomes
                                           if "training cost" in o.text]
    assert not result.passed
    # Single examples still push the cost up now and then, but by next to nothing.
    assert not at_least.passed and not mini_than_full.passed, result.summary()
    assert "rise of the training cost 0.00" in at_least.text


def test_the_noise_claim_fails_for_two_full_batch_runs():
    runs = [{"name": name, "epochs": 30} for name in ("full batch", "mini-batch of 10",
                                                      "stochastic")]
    result = check_claim(batch_modes_variant(runs=runs))
    noise = [o for o in result.outcomes if "training cost" in o.text]
    assert len(noise) == 3 and not any(o.passed for o in noise), result.summary()


def test_digits_one_against_the_rest_beats_always_saying_no():
    (run,) = runs_of("digits").values()
    data = run.trainer.dataset
    assert data.n_x == 64
    always_no = 1 - data.Y_test.mean()
    assert figure(run, "test_accuracy") >= 0.95 > always_no
    assert run.trainer.network.W[1].shape == (16, 64)   # 16 weight images of 8x8


def test_one_neuron_graph_and_line_data():
    lesson = LIBRARY.find("one-neuron")
    (run,) = runs_of("one-neuron").values()
    assert run.trainer.network.layer_sizes == (1, 1)
    assert run.trainer.path is not None   # the loss surface can draw its path
    assert figure(run, "test_accuracy") >= 0.85
    graph = next(c for c in lesson.claim.checks if c.kind == "graph_matches_engine")
    assert (graph.params["x"], graph.params["w"]) == (3.0, 3.0)


def test_l2_narrows_the_train_test_gap():
    runs = runs_of("l2-regularisation")
    plain, l2 = runs["lambda 0"], runs["lambda 0.3"]
    assert plain.trainer.dataset.m_train <= 60
    assert figure(l2, "accuracy_gap") < figure(plain, "accuracy_gap") - 0.05


def test_squared_inputs_let_logistic_regression_separate_circles():
    runs = runs_of("extra-features")
    squared, plain = runs["with x1², x2²"], runs["x1, x2 only"]
    assert squared.trainer.network.layer_sizes == (4, 1)
    assert figure(squared, "test_accuracy") >= 0.95
    assert figure(plain, "test_accuracy") <= 0.75
