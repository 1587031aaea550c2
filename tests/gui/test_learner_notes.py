"""The stepper's note for each phase speaks only of what that phase reads and writes (no
dA[0], no layer below layer 1), for logistic regression and deeper nets, with and without λ."""
import re

import pytest

from engine.phases import BACKWARD, COST, FORWARD, UPDATE, phase_specs
from gui.stepper.learner_notes import learner_note

SYMBOL = re.compile(r"\b(d?[WbZA])\[(\d+)\]")


def nets():
    """Activations of nets with L = 1, 2 and 3 layers."""
    return [("sigmoid",), ("tanh", "sigmoid"), ("relu", "tanh", "sigmoid")]


@pytest.mark.parametrize("activations", nets(), ids=["L1", "L2", "L3"])
@pytest.mark.parametrize("l2", [0.0, 0.01])
def test_every_note_names_only_what_its_phase_touches(activations, l2):
    L = len(activations)
    for spec in phase_specs(activations):
        note = learner_note(spec, L, l2)
        assert note, spec.title
        touched = set(spec.reads) | set(spec.writes)
        named = {f"{name}[{l}]" for name, l in SYMBOL.findall(note)}
        if "no dA[0] is computed" in note:   # names what is not there, on purpose
            named.discard("dA[0]")
        assert named <= touched, (spec.title, named - touched)


@pytest.mark.parametrize("L", [1, 2, 3])
def test_the_backward_phase_of_layer_1_passes_nothing_down(L):
    activations = nets()[L - 1]
    spec = next(s for s in phase_specs(activations) if s.kind == BACKWARD and s.layer == 1)
    assert "dA[0]" not in spec.equation and "dA[0]" not in spec.writes
    note = learner_note(spec, L, 0.0)
    assert "no dA[0] is computed" in note
    assert "below" not in note and "passes the error" not in note
    assert ("logistic regression" in note) == (L == 1)


@pytest.mark.parametrize("L", [2, 3])
def test_every_other_backward_phase_says_where_the_error_goes(L):
    for spec in phase_specs(nets()[L - 1]):
        if spec.kind == BACKWARD and spec.layer > 1:
            l = spec.layer
            assert f"dA[{l - 1}] passes the error on to layer {l - 1}" in \
                learner_note(spec, L, 0.0)


def test_the_lambda_sentence_follows_the_equations():
    """λ adds to J in the cost and to dW (never db) in a backward phase; nothing elsewhere."""
    for spec in phase_specs(nets()[1]):
        with_l2, without = learner_note(spec, 2, 0.5), learner_note(spec, 2, 0.0)
        if spec.kind == COST:
            assert "(λ/2m)" in with_l2 and "λ = 0" in without
        elif spec.kind == BACKWARD:
            l = spec.layer
            assert f"dW[{l}] also gets (λ/m) W[{l}]" in with_l2
            assert f"db[{l}] does not" in with_l2 and "λ = 0" in without
        else:
            assert spec.kind in (FORWARD, UPDATE) and with_l2 == without
            assert "λ" not in with_l2
