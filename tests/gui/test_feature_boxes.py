"""Extra input features in the whole window: the first layer follows, the diagram names
the inputs and the boundary stays in the (x1, x2) plane. The panel's own part is in
test_data_panel.py."""
from test_data_panel import boxes

WAIT_MS = 15_000


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
