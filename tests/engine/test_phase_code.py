"""The code a phase shows is the code that ran: the functions of backprop.py and
activations.py called while the phase runs are exactly the ones its spec lists."""
import sys

import pytest

from engine import activations, backprop
from engine.activations import HIDDEN_ACTIVATIONS
from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.source_code import code_of

SHOWN_MODULES = {backprop.__name__, activations.__name__}
# backward_layer calls the shown functions for a layer; the Cache only holds the arrays.
GLUE = {backprop.backward_layer.__code__} | {
    getattr(member, "__func__", getattr(member, "fget", member)).__code__
    for member in vars(backprop.Cache).values()
    if hasattr(getattr(member, "__func__", getattr(member, "fget", member)), "__code__")}


def functions_called(action):
    """Names of the functions of the shown modules that action() calls, in call order."""
    called = []

    def profile(frame, event, arg):
        if event == "call" and frame.f_globals.get("__name__") in SHOWN_MODULES:
            name = frame.f_code.co_name
            if frame.f_code not in GLUE and "<" not in name:  # "<": generator expressions
                called.append(name)

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return called


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_each_phase_lists_exactly_the_functions_it_runs(activation):
    from engine.trainer import Trainer

    data = load_dataset("xor", n=40, noise=0.1, seed=0)
    t = Trainer(data, make_model_config((2, 3, 3, 1), activation, "xavier", 0),
                make_train_config(0.5, 0.1, 0))
    for spec in t.specs:
        ran = functions_called(t.step_phase)
        assert ran == [f.__name__ for f in spec.functions], spec.title


def test_the_code_shown_is_read_from_the_function_without_its_docstring():
    source = code_of(backprop.forward_propagation)
    assert source.startswith("def forward_propagation(X, W, b, g, Y=None):")
    assert "cache.Z[l], cache.A[l] = forward_layer(" in source
    assert "Returns a Cache" not in source and '"""' not in source
    assert "    dZ = AL - Y" in code_of(backprop.output_layer_dZ)
    assert "    Z = W @ A_prev + b" in code_of(backprop.forward_layer)
    assert "db = (1 / m) * dZ.sum(axis=1, keepdims=True)" in code_of(backprop.layer_gradients)
