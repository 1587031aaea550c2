"""The cost and the activations stay finite and exact where the textbook forms would not."""
import math

import numpy as np
import pytest

from engine.activations import ACTIVATIONS, sigmoid
from engine.backprop import cost

# Underflow to 0 is the right answer (e^-800 is 0 in float64); anything else is a fault.
FAULTS = {"over": "raise", "invalid": "raise", "divide": "raise"}


def cross_entropy_from_logits(ZL, Y):
    return cost(ZL, Y, [None], 0.0)


def naive_cross_entropy(Z, Y):
    A = 1.0 / (1.0 + np.exp(-Z))
    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


def test_matches_the_textbook_formula_on_moderate_logits():
    rng = np.random.default_rng(0)
    Z = rng.normal(0, 3, (1, 500))
    Y = (rng.random((1, 500)) < 0.5).astype(float)
    assert cross_entropy_from_logits(Z, Y) == pytest.approx(naive_cross_entropy(Z, Y), rel=1e-12)


def test_extreme_logits_give_exact_finite_costs_without_warnings():
    Z = np.array([[1e4, -1e4, 1e4, -1e4, 800.0, -800.0]])
    Y = np.array([[1.0, 0.0, 0.0, 1.0, 0.0, 1.0]])
    with np.errstate(**FAULTS):
        J = cross_entropy_from_logits(Z, Y)
        A = ACTIVATIONS["sigmoid"].function(Z)
    # Right answers cost ~0; wrong ones cost |z| each.
    assert J == pytest.approx((1e4 + 1e4 + 800 + 800) / 6, rel=1e-15)
    assert np.array_equal(A, [[1.0, 0.0, 1.0, 0.0, 1.0, 0.0]])


def test_confident_and_right_costs_almost_nothing():
    with np.errstate(**FAULTS):
        J = cross_entropy_from_logits(np.array([[50.0, -50.0]]), np.array([[1.0, 0.0]]))
    assert 0.0 < J < 1e-20


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_activations_and_derivatives_stay_finite_at_extremes(name):
    g = ACTIVATIONS[name]
    Z = np.array([[-1e4, -745.0, -1.0, 0.0, 1.0, 745.0, 1e4]])
    with np.errstate(**FAULTS):
        A = g.function(Z)
        d = g.derivative(Z, A)
    assert np.all(np.isfinite(A)) and np.all(np.isfinite(d))


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_derivative_matches_a_finite_difference(name):
    g = ACTIVATIONS[name]
    Z = np.array([[-2.3, -0.7, 0.4, 1.9]])  # away from ReLU's kink at 0
    h = 1e-6
    numerical = (g.function(Z + h) - g.function(Z - h)) / (2 * h)
    assert np.allclose(g.derivative(Z, g.function(Z)), numerical, atol=1e-8)


def test_l2_penalty_is_added_as_lambda_over_2m_times_squared_norms():
    W = [None, np.array([[1.0, 2.0]]), np.array([[3.0]])]
    Z, Y = np.zeros((1, 4)), np.ones((1, 4))
    assert cost(Z, Y, W, 0.8) == pytest.approx(np.log(2) + 0.8 / 8 * (1 + 4 + 9))


def test_sigmoid_keeps_its_relative_precision_far_below_zero():
    """The old (1 + tanh(z/2)) / 2 lost digits below z = -20 and was exactly 0 below -37,
    so dZ[L] = A - Y could be 0 while the cost was not."""
    for z in (-20.0, -40.0, -300.0, -700.0):
        exact = math.exp(z) / (1.0 + math.exp(z))
        assert sigmoid(np.array([[z]]))[0, 0] == pytest.approx(exact, rel=1e-14)
    # For y = 0, dZ = A - Y = A: it must not vanish while the loss log(1 + e^z) does not.
    assert sigmoid(np.array([[-40.0]]))[0, 0] > 0


def test_sigmoid_is_the_textbook_formula_where_that_is_safe():
    Z = np.linspace(-30, 30, 601).reshape(1, -1)
    assert np.allclose(sigmoid(Z), 1.0 / (1.0 + np.exp(-Z)), rtol=1e-14, atol=0)  # a few ulps


def test_sigmoid_keeps_float32_for_pictures():
    assert sigmoid(np.zeros((2, 3), dtype=np.float32)).dtype == np.float32
