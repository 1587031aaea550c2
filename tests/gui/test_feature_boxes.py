"""Extra input features in the data panel and the window: ticked, applied like any data
change, refused without losing the data in use, disabled (with the reason) for data that
does not have two inputs."""
import pytest
from signal_recorder import SETTLE_MS, record

from engine.config import ConfigError
from engine.input_features import EXTRA_FEATURES
from gui.panels.data_panel import DataPanel, DataSettings, DataState

WAIT_MS = 15_000


@pytest.fixture
def panel(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.show()
    return panel


def boxes(panel):
    return panel._features


def test_ticking_two_boxes_emits_the_data_with_those_inputs(qtbot, panel):
    seen = record(panel.dataset_changed)
    boxes(panel).box("x2_squared").click()
    boxes(panel).box("x1_squared").click()
    qtbot.wait(SETTLE_MS)
    assert len(seen) == 2
    data = panel.current_dataset()
    assert data is seen[-1]
    assert data.feature_names == ("x1", "x2", "x1²", "x2²")
    assert data.n_x == 4 and data.extra_features == ("x1_squared", "x2_squared")
    assert panel.settings().features == ("x1_squared", "x2_squared")
    assert panel.state().settings.features == ("x1_squared", "x2_squared")


def test_every_box_is_there_with_its_name(panel):
    names = [boxes(panel).box(key).text() for key in EXTRA_FEATURES]
    assert names == ["x1²", "x2²", "x1·x2", "sin x1", "sin x2"]
    assert all(boxes(panel).box(key).isEnabled() for key in EXTRA_FEATURES)
    assert boxes(panel).reason() == ""


def test_data_without_two_inputs_disables_the_boxes_says_why_and_keeps_the_ticks(qtbot, panel):
    boxes(panel).box("x1_x2").click()
    panel.set_dataset_by_name("breast_cancer")
    data = panel.current_dataset()
    assert data.n_x == 30 and data.extra_features == ()
    assert panel.state().settings.features == ()
    assert not boxes(panel).box("x1_x2").isEnabled()
    assert "two inputs" in boxes(panel).reason() and "breast_cancer has 30" in boxes(panel).reason()
    assert boxes(panel).box("x1_x2").isChecked()
    assert panel.findChild(type(boxes(panel)._why), "features_unavailable").isVisibleTo(panel)
    panel.set_dataset_by_name("circles")
    assert panel.current_dataset().feature_names == ("x1", "x2", "x1·x2")
    assert boxes(panel).box("x1_x2").isEnabled() and boxes(panel).reason() == ""


def test_the_one_feature_line_has_no_extra_inputs_either(panel):
    panel.set_dataset_by_name("line")
    assert "line has 1" in boxes(panel).reason()


def test_a_refused_change_keeps_the_data_in_use_and_says_so(qtbot, panel):
    before = panel.current_dataset()

    def refuse(dataset):
        if dataset.n_x > 2:
            raise ConfigError("the model cannot take more than two inputs")
    panel.set_dataset_check(refuse)
    seen = record(panel.dataset_changed)
    boxes(panel).box("sin_x1").click()
    qtbot.wait(SETTLE_MS)
    assert seen == []
    assert panel.current_dataset() is before
    text = panel.findChild(type(panel._message), "data_message").message()
    assert "more than two inputs" in text and "still using the previous data" in text


def test_restoring_a_state_shows_its_features(qtbot, panel):
    settings = DataSettings(name="xor", features=("sin_x2",))
    panel.restore(DataState(settings, settings.load(), None))
    assert boxes(panel).keys() == ("sin_x2",)
    plain = DataSettings(name="xor")
    panel.restore(DataState(plain, plain.load(), None))
    assert boxes(panel).keys() == ()


def test_in_the_window_the_first_layer_follows_and_the_diagram_names_the_inputs(window, qtbot):
    boxes(window.data_panel).box("x1_squared").click()
    boxes(window.data_panel).box("x2_squared").click()
    qtbot.waitUntil(lambda: window.controller.session is not None and
                    window.controller.session.layer_sizes[0] == 4, timeout=WAIT_MS)
    session = window.controller.session
    assert window.model_panel.summary().startswith("4 → ")
    assert session.grid.shape[0] == 2 and session.grid_inputs.shape[0] == 4
    diagram = window.views["Network"]
    qtbot.waitUntil(lambda: diagram.input_names == ["x1", "x2", "x1²", "x2²"], timeout=WAIT_MS)
    boundary = window.views["Decision boundary"]
    qtbot.waitUntil(lambda: boundary.heatmap.image is not None, timeout=WAIT_MS)
    r = session.grid_resolution
    assert boundary.heatmap.image.shape == (r, r)   # the (x1, x2) plane, not 4-D
