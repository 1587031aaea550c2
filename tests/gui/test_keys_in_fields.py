"""The whole window: stepping keys work with the focus in a field; Escape leaves it."""
import pytest
from on_screen import open_active_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from gui.panels.checked_spin import CheckedDoubleSpinBox, CheckedSpinBox
from gui.panels.layer_row import LayerRow
from gui.window_layouts import STEP

WAIT_MS = 15_000


@pytest.fixture
def window(qtbot):
    w = open_active_window(qtbot, WAIT_MS)
    yield w
    w.shut_down()


def layer_units(window, l=1):
    return window.model_panel.findChildren(LayerRow)[l - 1].findChild(CheckedSpinBox)


def focus(qtbot, field):
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=WAIT_MS)


def model_message(window):
    return window.model_panel.findChild(QLabel, "model_message")


def where(snapshot):
    """How far training is, in phases from the start."""
    return snapshot.update * snapshot.phases_per_update + snapshot.phase


@pytest.mark.parametrize(("key", "modifier"), [(Qt.Key_Period, Qt.NoModifier),
                                               (Qt.Key_Right, Qt.ShiftModifier)],
                         ids=["dot", "shift_right"])
def test_dot_and_shift_right_in_layer_units_step_one_phase(window, qtbot, key, modifier):
    controller = window.controller
    units = layer_units(window)
    focus(qtbot, units)
    for k in range(1, 4):
        with qtbot.waitSignal(controller.snapshot_received, timeout=WAIT_MS):
            qtbot.keyClick(units, key, modifier)
        assert where(controller.latest) == k
        assert controller.latest.last_phase is not None
    assert units.text() == "8" and units.hasFocus()
    assert model_message(window).text() == ""


def test_right_in_a_spin_box_steps_a_whole_update(window, qtbot):
    controller = window.controller
    seed = window.model_panel.findChild(CheckedSpinBox, "model_seed")
    focus(qtbot, seed)
    with qtbot.waitSignal(controller.snapshot_received, timeout=WAIT_MS):
        qtbot.keyClick(seed, Qt.Key_Right)
    assert (controller.latest.update, controller.latest.phase) == (1, 0)
    assert seed.text() == "0"


def test_a_dot_typed_into_the_learning_rate_goes_into_it(window, qtbot):
    controller = window.controller
    edit = window.training_panel.learning_rate_control.edit
    focus(qtbot, edit)
    edit.selectAll()
    qtbot.keyClicks(edit, "0.05")
    assert edit.text() == "0.05"
    qtbot.keyClick(edit, Qt.Key_Return)
    assert window.training_panel.values().learning_rate == 0.05
    qtbot.waitUntil(lambda: controller.latest.learning_rate == 0.05, timeout=WAIT_MS)
    assert where(controller.latest) == 0


def test_digits_still_go_into_the_layer_units(window, qtbot):
    controller = window.controller
    units = layer_units(window)
    focus(qtbot, units)
    units.lineEdit().selectAll()
    with qtbot.waitSignal(controller.session_started, timeout=WAIT_MS):
        qtbot.keyClicks(units, "5")
        qtbot.keyClick(units, Qt.Key_Return)
    assert controller.session.layer_sizes == (2, 5, 8, 1)


def test_escape_leaves_a_field_with_its_value_used_and_training_going_on(window, qtbot):
    controller = window.controller
    QTest.keyClick(window.windowHandle(), Qt.Key_Space)
    qtbot.waitUntil(lambda: controller.playing and controller.latest.update > 20,
                    timeout=WAIT_MS)
    l2 = window.training_panel.findChild(CheckedDoubleSpinBox, "l2_spin")
    focus(qtbot, l2)
    l2.lineEdit().selectAll()
    qtbot.keyClicks(l2, "0.01")
    qtbot.keyClick(l2, Qt.Key_Escape)
    assert not l2.hasFocus() and QApplication.focusWidget() is window
    assert window.training_panel.values().l2 == 0.01
    qtbot.waitUntil(lambda: controller.latest.l2 == 0.01, timeout=WAIT_MS)
    going = controller.latest.update
    qtbot.waitUntil(lambda: controller.latest.update > going + 20, timeout=WAIT_MS)
    assert controller.playing
    # With no field in focus, Escape stops as before.
    QTest.keyClick(window.windowHandle(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: not controller.playing, timeout=WAIT_MS)


def test_escape_with_a_refused_number_says_why_and_the_message_goes_when_fixed(window, qtbot):
    units = layer_units(window)
    focus(qtbot, units)
    units.lineEdit().selectAll()
    qtbot.keyClicks(units, "0")
    qtbot.keyClick(units, Qt.Key_Escape)
    assert not units.hasFocus() and units.value() == 8
    message = model_message(window)
    assert message.isVisible()
    assert message.text().startswith("Layer 1 units: 0 is not allowed; type a whole number")
    focus(qtbot, units)
    units.lineEdit().selectAll()
    qtbot.keyClicks(units, "4")
    qtbot.keyClick(units, Qt.Key_Escape)
    assert units.value() == 4 and not units.hasFocus()
    assert not message.isVisible() and message.text() == ""


def test_the_example_field_of_the_stepper_leaves_stepping_keys_to_the_window(window, qtbot):
    """The stepper's field takes the digits of an example number; ".", Shift+Right and
    Space are the window's, as in every number field, and Escape leaves it."""
    controller = window.controller
    window.show_layout(STEP)
    field = window.views["Step through"].picker.field
    focus(qtbot, field)
    qtbot.keyClicks(field, "12")
    for k, (key, modifier) in enumerate([(Qt.Key_Period, Qt.NoModifier),
                                         (Qt.Key_Right, Qt.ShiftModifier)], start=1):
        with qtbot.waitSignal(controller.snapshot_received, timeout=WAIT_MS):
            qtbot.keyClick(field, key, modifier)
        assert where(controller.latest) == k
    assert field.text() == "12" and field.hasFocus()
    qtbot.keyClick(field, Qt.Key_Space)
    qtbot.waitUntil(lambda: controller.playing, timeout=WAIT_MS)
    assert field.text() == "12"
    qtbot.keyClick(field, Qt.Key_Escape)
    # Left: the focus is the window's, or nobody's while the stepper repaints for play.
    assert not field.hasFocus() and QApplication.focusWidget() in (window, None)
    assert controller.playing                        # Escape left the field, it did not stop
