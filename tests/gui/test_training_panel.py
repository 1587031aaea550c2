"""TrainingPanel: log-scale learning rate, batch modes, L2, speed steps, silent setters."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QRadioButton, QSlider
from signal_recorder import record

from engine.config import ConfigError
from gui.panels.log_slider import LogSlider
from gui.panels.training_panel import TrainingPanel, TrainingValues


@pytest.fixture
def panel(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.show()
    return panel


def child(panel, cls, name):
    return panel.findChild(cls, name)


def type_into(qtbot, widget, text):
    widget.setFocus()
    line_edit = widget if isinstance(widget, QLineEdit) else widget.lineEdit()
    line_edit.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


@pytest.mark.parametrize(("rate", "position"), [(1e-5, 0), (0.01, 300), (10.0, 600)])
def test_log_slider_round_trip(qtbot, rate, position):
    slider = LogSlider(1e-5, 10.0)
    qtbot.addWidget(slider)
    assert slider.position_for(rate) == position
    assert slider.value_at(position) == rate
    slider.set_log_value(rate)
    assert slider.value() == position
    assert slider.log_value() == rate


def test_sliding_emits_the_rate_shown_in_the_text_field(qtbot, panel):
    slider = child(panel, QSlider, "learning_rate_slider")
    edit = child(panel, QLineEdit, "learning_rate_edit")
    seen = record(panel.learning_rate_changed)
    for position in (0, 300, 600, 400):
        slider.setValue(position)
    assert seen == [1e-5, 0.01, 10.0, 0.1]
    assert edit.text() == "0.1"
    assert panel.values().learning_rate == 0.1


def test_set_learning_rate_moves_the_slider_without_emitting(qtbot, panel):
    slider = child(panel, QSlider, "learning_rate_slider")
    with qtbot.assertNotEmitted(panel.learning_rate_changed):
        panel.set_learning_rate(0.01)
        assert slider.value() == 300
        panel.set_learning_rate(10)
        assert slider.value() == slider.maximum()
        panel.set_learning_rate(1e-5)
        assert slider.value() == 0
    assert panel.values().learning_rate == 1e-5


def test_typing_an_exact_rate_uses_it(qtbot, panel):
    edit = child(panel, QLineEdit, "learning_rate_edit")
    with qtbot.waitSignal(panel.learning_rate_changed) as blocker:
        type_into(qtbot, edit, "0.0375")
    assert blocker.args == [0.0375]
    assert panel.values().learning_rate == 0.0375


@pytest.mark.parametrize(("typed", "why"), [("20", "between 1e-05 and 10, got 20"),
                                              ("0", "between 1e-05 and 10, got 0"),
                                              ("fast", "must be a number")])
def test_typing_a_bad_rate_is_refused_and_the_old_value_stays(qtbot, panel, typed, why):
    edit = child(panel, QLineEdit, "learning_rate_edit")
    with qtbot.assertNotEmitted(panel.learning_rate_changed):
        type_into(qtbot, edit, typed)
    assert why in panel.message()
    assert panel.values().learning_rate == 0.5
    assert edit.text() == "0.5"


def test_batch_modes_emit_0_k_and_1(qtbot, panel):
    seen = record(panel.batch_size_changed)
    k = child(panel, QAbstractSpinBox, "batch_k")
    assert not k.isEnabled()
    qtbot.mouseClick(child(panel, QRadioButton, "batch_mini"), Qt.MouseButton.LeftButton)
    assert k.isEnabled()
    k.setValue(64)
    qtbot.mouseClick(child(panel, QRadioButton, "batch_stochastic"), Qt.MouseButton.LeftButton)
    k.setValue(16)  # not in mini-batch mode: nothing to tell
    qtbot.mouseClick(child(panel, QRadioButton, "batch_full"), Qt.MouseButton.LeftButton)
    assert seen == [32, 64, 1, 0]


def test_mini_batch_size_is_bounded_by_the_training_set(qtbot, panel):
    panel.set_train_size(50)
    k = child(panel, QAbstractSpinBox, "batch_k")
    assert k.maximum() == 50
    with pytest.raises(ConfigError, match="from 2 to 50"):
        panel.set_batch_size(64)
    assert panel.values().batch_size == 0


def test_speed_steps_emit_updates_per_second_and_0_for_unthrottled(qtbot, panel):
    slider = child(panel, QSlider, "speed_slider")
    seen = record(panel.speed_changed)
    for position in range(slider.maximum() + 1):
        slider.setValue(position)
    # The default (30/s) sits at position 4, so moving there from 3 emits it too.
    assert seen == [1.0, 2.0, 5.0, 10.0, 30.0, 100.0, 1000.0, 0.0]
    assert panel.speed_slider.label() == "Unthrottled"


def test_l2_emits_and_a_typed_value_above_the_maximum_is_refused(qtbot, panel):
    spin = child(panel, QAbstractSpinBox, "l2_spin")
    with qtbot.waitSignal(panel.l2_changed) as blocker:
        type_into(qtbot, spin, "0.05")
    assert blocker.args == [0.05]
    with qtbot.assertNotEmitted(panel.l2_changed):
        type_into(qtbot, spin, "250")
    assert "250 is not allowed" in panel.message()
    assert "0 to 100" in panel.message()
    assert panel.values().l2 == 0.05


def test_setters_do_not_emit_and_values_reports_them(qtbot, panel):
    signals = (panel.learning_rate_changed, panel.batch_size_changed, panel.l2_changed,
               panel.speed_changed)
    with qtbot.assertNotEmitted(signals[0]), qtbot.assertNotEmitted(signals[1]), \
            qtbot.assertNotEmitted(signals[2]), qtbot.assertNotEmitted(signals[3]):
        panel.set_learning_rate(0.2)
        panel.set_batch_size(8)
        panel.set_l2(0.3)
        panel.set_speed(1.0)
        assert panel.values() == TrainingValues(0.2, 8, 0.3, 1.0)
        panel.set_batch_size(1)
        assert panel.values().batch_size == 1
        panel.set_batch_size(0)
        panel.set_speed(0.0)
    assert panel.values() == TrainingValues(0.2, 0, 0.3, 0.0)


def test_setters_refuse_bad_values_and_keep_the_old_ones(panel):
    before = panel.values()
    with pytest.raises(ConfigError):
        panel.set_learning_rate(20)
    with pytest.raises(ConfigError):
        panel.set_l2(-1)
    with pytest.raises(ConfigError):
        panel.set_speed(3)
    with pytest.raises(ConfigError):
        panel.set_batch_size(-2)
    assert panel.values() == before
