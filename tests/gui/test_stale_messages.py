"""A field's "... is not allowed" message goes once the field holds a good value again,
and only that field's message."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QLineEdit

from gui.panels.data_panel import DataPanel
from gui.panels.layer_row import LayerRow
from gui.panels.model_panel import ModelPanel
from gui.panels.training_panel import TrainingPanel

WAIT_MS = 5000


def shown(qtbot, panel_class):
    panel = panel_class()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def type_into(qtbot, field, text, then=Qt.Key.Key_Return):
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=WAIT_MS)
    edit = field if isinstance(field, QLineEdit) else field.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(field, text)
    if then is not None:
        qtbot.keyClick(field, then)


def message(panel, name):
    label = panel.findChild(QLabel, name)
    return label.text() if label.isVisible() else ""


@pytest.fixture
def model(qtbot):
    return shown(qtbot, ModelPanel)


def units(panel, l=1):
    return panel.findChildren(LayerRow)[l - 1].findChild(QAbstractSpinBox)


def test_typing_a_good_number_takes_the_refusal_away(qtbot, model):
    type_into(qtbot, units(model), "0")
    assert message(model, "model_message").startswith("Layer 1 units: 0 is not allowed")
    type_into(qtbot, units(model), "3", then=None)   # not even confirmed yet
    assert message(model, "model_message") == ""


def test_an_arrow_step_takes_the_refusal_away(qtbot, model):
    type_into(qtbot, units(model), "-4")
    assert message(model, "model_message").startswith("Layer 1 units: -4 is not allowed")
    qtbot.keyClick(units(model), Qt.Key.Key_Up)
    assert units(model).value() == 9
    assert message(model, "model_message") == ""


def test_a_number_still_being_typed_out_of_range_keeps_the_refusal(qtbot, model):
    type_into(qtbot, units(model), "0")
    type_into(qtbot, units(model), "-5", then=None)
    assert message(model, "model_message").startswith("Layer 1 units: 0 is not allowed")


def test_another_field_going_right_leaves_the_refusal_of_the_first(qtbot, model):
    seed = model.findChild(QAbstractSpinBox, "model_seed")
    type_into(qtbot, seed, "-1")
    assert message(model, "model_message").startswith("Model seed: -1 is not allowed")
    qtbot.keyClick(units(model), Qt.Key.Key_Up)
    assert message(model, "model_message").startswith("Model seed: -1 is not allowed")
    qtbot.keyClick(seed, Qt.Key.Key_Up)
    assert message(model, "model_message") == ""


def test_removing_the_layer_takes_its_refusal_with_it(qtbot, model):
    type_into(qtbot, units(model, 2), "0")
    assert message(model, "model_message").startswith("Layer 2 units: 0 is not allowed")
    model.remove_layer()
    assert message(model, "model_message") == ""


@pytest.fixture
def training(qtbot):
    return shown(qtbot, TrainingPanel)


def test_a_good_learning_rate_typed_or_slid_takes_its_refusal_away(qtbot, training):
    control = training.learning_rate_control
    type_into(qtbot, control.edit, "50")
    assert "kept 0.5" in message(training, "training_message")
    type_into(qtbot, control.edit, "0.1", then=None)
    assert message(training, "training_message") == ""
    type_into(qtbot, control.edit, "0")
    assert "kept 0.5" in message(training, "training_message")
    control.slider.setValue(control.slider.value() + 10)
    assert message(training, "training_message") == ""


def test_the_learning_rate_does_not_take_away_the_l2_refusal(qtbot, training):
    l2 = training.findChild(QAbstractSpinBox, "l2_spin")
    type_into(qtbot, l2, "-3")
    assert message(training, "training_message").startswith("L2 lambda: -3 is not allowed")
    type_into(qtbot, training.learning_rate_control.edit, "0.1")
    assert message(training, "training_message").startswith("L2 lambda: -3 is not allowed")
    type_into(qtbot, l2, "0.5", then=None)
    assert message(training, "training_message") == ""


def test_a_good_mini_batch_size_takes_its_refusal_away(qtbot, training):
    training.batch_mode.select_mode(1)
    k = training.findChild(QAbstractSpinBox, "batch_k")
    type_into(qtbot, k, "1")
    assert message(training, "training_message").startswith("Mini-batch size: 1 is not allowed")
    qtbot.keyClick(k, Qt.Key.Key_Down)
    assert message(training, "training_message") == ""


def test_a_good_number_of_points_takes_its_refusal_away(qtbot):
    data = shown(qtbot, DataPanel)
    n = data.findChild(QAbstractSpinBox, "points_n")
    type_into(qtbot, n, "2")
    assert message(data, "data_message").startswith("Points n: 2 is not allowed")
    # The value the panel already uses: no new data, but the field is right again.
    type_into(qtbot, n, "200", then=None)
    assert message(data, "data_message") == ""
