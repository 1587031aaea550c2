"""The window started on the one-feature data set `line`: every view paints, the
boundary view shows the logistic-regression curve with β0 and β1, and stepping works."""
import pytest
from PySide6.QtWidgets import QLabel

from gui.app import parse_options
from gui.main_window import MainWindow
from gui.window_layouts import STEP, TRAIN

WAIT_MS = 15_000


@pytest.mark.parametrize("layers", ["1,1", "auto,1", "auto,8,8,1"])
def test_the_window_starts_on_line_and_every_view_paints(qtbot, layers):
    options = parse_options(["--dataset", "line", "--layers", layers])
    window = MainWindow(options.start)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.controller.latest is not None, timeout=WAIT_MS)
        session = window.controller.session
        assert session.dataset_name == "line" and session.X_train.shape[0] == 1
        start = window.controller.latest.update
        window.toggle_play()
        qtbot.waitUntil(lambda: window.controller.latest.update > start + 20, timeout=WAIT_MS)
        window.toggle_play()
        for name in (TRAIN, STEP):
            window.layouts.switch_to(name)
            qtbot.wait(100)
            for title, view in window.views.items():
                assert not view.grab().isNull(), title
        for _ in range(5):
            window.step_phase()
        qtbot.wait(200)
        boundary = window.views["Decision boundary"]
        qtbot.waitUntil(lambda: boundary.one_feature.curve.getData()[0] is not None,
                        timeout=WAIT_MS)
        words = boundary.parameters.toPlainText()
        summary = window.model_panel.findChild(QLabel, "model_summary").text()
        if layers in ("1,1", "auto,1"):
            assert "β0 = b[1] = " in words and "β1 = W[1] = " in words
            assert "β0 = b[1], β1 = W[1]" in summary
        else:
            assert "net's P(y = 1 | x)" in words
    finally:
        window.shut_down()
