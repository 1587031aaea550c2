"""Stepping forward and back in the window, by key: a phase, an update, fifty updates, and
forward again to the very same numbers."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

WAIT_MS = 15_000


def position(snapshot):
    return snapshot.update * snapshot.phases_per_update + snapshot.phase


def press(window, qtbot, key, expected, modifier=Qt.NoModifier):
    """Press `key` and wait for the snapshot at phase position `expected`."""
    qtbot.keyClick(window, key, modifier)
    qtbot.waitUntil(lambda: position(window.controller.latest) == expected, timeout=WAIT_MS)
    return window.controller.latest


def same_parameters(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a.W + a.b, b.W + b.b))


def test_the_phases_of_an_update_equal_the_update(window, qtbot):
    P = window.controller.latest.phases_per_update
    for k in range(1, P + 1):
        stepped = press(window, qtbot, Qt.Key_Period, k)
    assert (stepped.update, stepped.phase) == (1, 0)
    assert [r.spec.index for r in stepped.phase_records] == list(range(P))
    press(window, qtbot, Qt.Key_Left, 0, Qt.ShiftModifier)
    whole = press(window, qtbot, Qt.Key_Right, P)   # the readable functions, as stepping
    assert same_parameters(stepped, whole)


def test_a_setting_changed_mid_update_keeps_the_phase_in_view(window, qtbot):
    for k in range(1, 4):
        press(window, qtbot, Qt.Key_Period, k)
    window.worker.set_learning_rate(0.3)
    qtbot.waitUntil(lambda: window.controller.latest.learning_rate == 0.3, timeout=WAIT_MS)
    snapshot = window.controller.latest
    assert snapshot.last_phase.spec.index == 2
    window.controller.paint(force=True)
    assert "Forward, layer 3" in window.views["Network"].title
    assert "phase 3 of" in window.views["Step through"].header_text()


def test_fifty_updates_back_and_forward_again_are_identical(window, qtbot):
    P = window.controller.latest.phases_per_update
    seen = [window.controller.latest]
    for k in range(1, 51):
        seen.append(press(window, qtbot, Qt.Key_Right, k * P))
    for k in range(49, -1, -1):
        back = press(window, qtbot, Qt.Key_Left, k * P, Qt.ShiftModifier)
        assert same_parameters(back, seen[k]), f"update {k} differs after stepping back"
        assert back.updates_back == k
    assert window.controller.history.costs.exact_values().size == 0
    for k in range(1, 51):
        again = press(window, qtbot, Qt.Key_Right, k * P)
        assert same_parameters(again, seen[k]), f"update {k} differs stepped again"
    assert np.array_equal(window.controller.history.costs.exact_values(),
                          [s.new_costs[-1] for s in seen[1:]])


def test_a_phase_back_across_an_update_boundary_shows_the_phase_before(window, qtbot):
    P = window.controller.latest.phases_per_update
    records = [press(window, qtbot, Qt.Key_Period, k).last_phase for k in range(1, P + 1)]
    back = press(window, qtbot, Qt.Key_Left, P - 1)
    assert (back.update, back.phase) == (0, P - 1)
    assert back.last_phase.spec.index == P - 2
    for name, value in records[P - 2].writes.items():
        assert np.array_equal(back.last_phase.writes[name], value)


@pytest.mark.parametrize("layout", ["train", "step"])
def test_the_stepper_repaints_on_its_own_in_either_layout(window, qtbot, layout):
    """Painted by the frame timer, not forced: a view filled by a scroll area counts as
    on screen (Qt gives it an empty visibleRegion of its own)."""
    window.show_layout(layout)
    view = window.views["Step through"]
    press(window, qtbot, Qt.Key_Period, 1)
    qtbot.waitUntil(lambda: "phase 1 of 8" in view.header_text(), timeout=WAIT_MS)
    press(window, qtbot, Qt.Key_Period, 2)
    qtbot.waitUntil(lambda: "phase 2 of 8" in view.header_text(), timeout=WAIT_MS)
