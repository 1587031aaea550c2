"""Gradient descent actually learns: synthetic sets and the two bundled real sets."""
import pytest

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.metrics import compute_metrics
from engine.trainer import Trainer


def trained(dataset, sizes, activation="tanh", lr=0.5, updates=2000, l2=0.0, batch=0):
    t = Trainer(dataset, make_model_config(sizes, activation, "xavier", 0),
                make_train_config(lr, l2, batch))
    t.run(updates)
    return compute_metrics(t)


def test_moons_with_two_hidden_tanh_layers():
    moons = load_dataset("moons", n=200, noise=0.2, seed=0)
    assert trained(moons, (2, 8, 8, 1)).test_accuracy >= 0.97


def test_xor_needs_a_hidden_layer():
    xor = load_dataset("xor", n=200, seed=0)
    assert trained(xor, (2, 8, 1)).test_accuracy >= 0.95
    # A straight line cannot split XOR: logistic regression stays near chance.
    assert trained(xor, (2, 1)).test_accuracy <= 0.75


def test_mini_batch_and_stochastic_descent_learn_moons_too():
    moons = load_dataset("moons", n=200, noise=0.1, seed=2)
    assert trained(moons, (2, 8, 8, 1), lr=0.1, updates=3000, batch=10).test_accuracy >= 0.95
    assert trained(moons, (2, 8, 8, 1), lr=0.05, updates=6000, batch=1).test_accuracy >= 0.9


def test_breast_cancer():
    data = load_dataset("breast_cancer", seed=0)
    m = trained(data, (data.n_x, 8, 1), lr=0.1, updates=300)
    assert m.test_accuracy >= 0.95


@pytest.mark.parametrize("digit", [0, 7])
def test_digits_one_against_the_rest(digit):
    data = load_dataset("digits", digit=digit, seed=0)
    minimum = 0.99 if digit == 0 else 0.97
    assert trained(data, (data.n_x, 16, 1), updates=500).test_accuracy >= minimum
