"""ModelPanel: layers, summary and parameter counts, engine keys, set_model."""

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton
from signal_recorder import SETTLE_MS, record

from engine.config import MAX_LAYERS, ConfigError
from gui.panels.model_panel import ModelPanel, ModelSpec


@pytest.fixture
def panel(qtbot):
    panel = ModelPanel()
    qtbot.addWidget(panel)
    panel.show()
    return panel


def summary_text(panel):
    return panel.findChild(QLabel, "model_summary").text()


def button(panel, name):
    return panel.findChild(QPushButton, name)


def test_default_is_two_tanh_layers_of_8_with_105_parameters(panel):
    # 2*8+8 + 8*8+8 + 8+1 = 24 + 72 + 9
    assert summary_text(panel).startswith("2 → 8 tanh → 8 tanh → 1 sigmoid (105 parameters)")
    assert panel.current_model() == ModelSpec((8, 8), ("tanh", "tanh"), "xavier", 0)


def test_add_and_remove_layers_change_the_summary_and_emit_once(qtbot, panel):
    seen = record(panel.model_changed)
    button(panel, "add_layer").click()
    # 24 + 72 + 72 + 9
    assert summary_text(panel).startswith("2 → 8 tanh → 8 tanh → 8 tanh → 1 sigmoid "
                                          "(177 parameters)")
    for _ in range(3):
        button(panel, "remove_layer").click()
    assert summary_text(panel).startswith("2 → 1 sigmoid (3 parameters)")
    assert "logistic regression" in summary_text(panel)
    assert not button(panel, "remove_layer").isEnabled()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=2000)
    qtbot.wait(SETTLE_MS)
    assert len(seen) == 1  # four clicks, one new model
    assert seen[0].hidden_sizes == ()
    assert seen[0].activations == ()


def test_add_layer_stops_at_the_engine_limit(panel):
    for _ in range(MAX_LAYERS + 3):
        button(panel, "add_layer").click()
    assert len(panel.current_model().hidden_sizes) == MAX_LAYERS - 1
    assert not button(panel, "add_layer").isEnabled()


def test_activation_is_emitted_as_the_engine_key(qtbot, panel):
    combo = panel.findChildren(QComboBox, "layer_activation")[0]
    assert combo.currentText() == "tanh (hyperbolic tangent)"
    with qtbot.waitSignal(panel.model_changed, timeout=2000) as blocker:
        combo.setCurrentIndex(combo.findText("ReLU (rectified linear)"))
    assert blocker.args[0].activations == ("relu", "tanh")
    assert "2 → 8 ReLU → 8 tanh" in summary_text(panel)


def test_input_size_changes_the_count_without_emitting(qtbot, panel):
    with qtbot.assertNotEmitted(panel.model_changed, wait=SETTLE_MS):
        panel.set_input_size(30)
    # 30*8+8 + 72 + 9
    assert panel.summary() == "30 → 8 tanh → 8 tanh → 1 sigmoid (329 parameters)"


def test_set_model_shows_it_and_emits_exactly_once(qtbot, panel):
    seen = record(panel.model_changed)
    panel.set_model((4,), ("leaky_relu",), "he", 7)
    qtbot.wait(SETTLE_MS)
    assert seen == [ModelSpec((4,), ("leaky_relu",), "he", 7)]
    # The old rows are gone at once, not left painted until the event loop deletes them.
    assert len(panel.findChildren(QComboBox, "layer_activation")) == 1
    assert panel.summary() == "2 → 4 leaky ReLU → 1 sigmoid (17 parameters)"
    assert panel.findChild(QComboBox, "init_combo").currentText() == "He"


def test_set_model_refuses_a_bad_model_and_changes_nothing(qtbot, panel):
    before = panel.current_model()
    with qtbot.assertNotEmitted(panel.model_changed, wait=SETTLE_MS):
        with pytest.raises(ConfigError, match="unknown activation"):
            panel.set_model((4,), ("softmax",), "he", 0)
        with pytest.raises(ConfigError, match="1 to 1024 units"):
            panel.set_model((0,), ("tanh",), "he", 0)
    assert panel.current_model() == before


def test_logistic_regression_on_one_feature_names_beta0_and_beta1(panel):
    panel.set_input_size(1)
    for _ in range(2):
        button(panel, "remove_layer").click()
    text = summary_text(panel)
    assert text.startswith("1 → 1 sigmoid (2 parameters)")
    assert "σ(β0 + β1 x) with β0 = b[1], β1 = W[1]" in text
    panel.set_input_size(2)
    assert "β0" not in summary_text(panel)
