"""Following one example through the whole window: a pick in the decision boundary reaches
the worker, and the stepper's tiles and the network diagram show that example's column,
in mini-batch mode too; one outside the batch is said so and the batch's first offered."""
import pytest
from PySide6.QtCore import Qt
from test_diagram_phases import activation_rgb, node_rgb

from gui.app import parse_options
from gui.main_window import MainWindow

WAIT_MS = 15_000


@pytest.fixture
def window(qtbot):
    options = parse_options(["--dataset", "xor", "--layers", "auto,4,3,1",
                             "--batch-size", "16"])
    w = MainWindow(options.start)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitUntil(lambda: w.controller.latest is not None, timeout=WAIT_MS)
    yield w
    w.shut_down()


def follow(window, qtbot, emit, example):
    emit(example)
    qtbot.waitUntil(lambda: window.controller.latest.example_index == example,
                    timeout=WAIT_MS)
    window.controller.paint(force=True)
    return window.controller.latest


def test_a_picked_example_is_followed_by_the_stepper_and_the_diagram(window, qtbot):
    window.step_phase()   # forward, layer 1 of a batch of 16
    qtbot.waitUntil(lambda: window.controller.latest.phase == 1, timeout=WAIT_MS)
    record = window.controller.latest.last_phase
    chosen = int(record.examples[5])
    snapshot = follow(window, qtbot, window.views["Decision boundary"].example_picked.emit,
                      chosen)
    assert snapshot.example_column == 5
    stepper, diagram = window.views["Step through"], window.views["Network"]
    assert f"example #{chosen}" in stepper.picker.name.text()
    assert stepper.tiles["A[1]"].heatmap.highlighted_column() == 5
    assert stepper.tiles["Z[1]"].heatmap.highlighted_column() == 5
    colours = node_rgb(diagram)
    a1 = record.writes["A[1]"][:, 5]
    for unit in range(4):
        assert colours[(1, unit)] == activation_rgb(a1[unit], "tanh")
    assert f"#{chosen}" in diagram.title


def test_an_example_outside_the_batch_is_said_so_and_the_first_one_offered(window, qtbot):
    window.step_phase()
    qtbot.waitUntil(lambda: window.controller.latest.phase == 1, timeout=WAIT_MS)
    record = window.controller.latest.last_phase
    outside = next(i for i in range(100) if record.column_of(i) is None)
    snapshot = follow(window, qtbot, window.views["Sigmoid outputs"].example_picked.emit,
                      outside)
    assert snapshot.example_column is None
    picker = window.views["Step through"].picker
    assert "not in this batch" in picker.absent.text()
    assert picker.offer.isVisible()
    qtbot.mouseClick(picker.offer, Qt.LeftButton)
    first = int(record.examples[0])
    qtbot.waitUntil(lambda: window.controller.latest.example_index == first,
                    timeout=WAIT_MS)
    assert window.controller.latest.example_column == 0
