"""The step-through view fed by the real worker: phases forward, one back, and a chosen
example, as the window's commands send them."""
import numpy as np

WAIT_MS = 15_000


def wait_for_phase(window, qtbot, update, phase):
    controller = window.controller
    qtbot.waitUntil(lambda: (controller.latest.update, controller.latest.phase) ==
                    (update, phase), timeout=WAIT_MS)
    controller.paint(force=True)


def test_steps_back_and_a_chosen_example_reach_the_view(window, qtbot):
    view = window.views["Step through"]
    for _ in range(3):
        window.step_phase()
    wait_for_phase(window, qtbot, 0, 3)
    assert "phase 3 of" in view.header_text()
    third = view.shown_record()
    window.worker.step_back_phase()
    wait_for_phase(window, qtbot, 0, 2)
    assert "phase 2 of" in view.header_text() and "next: Forward, layer 3" in \
        view.header_text()
    assert view.strip.states()[:3] == ["done", "current", "next"]
    window.step_phase()
    wait_for_phase(window, qtbot, 0, 3)
    again = view.shown_record()
    for name in third.writes:                      # the very same numbers again
        assert np.array_equal(again.writes[name], third.writes[name])
    view.picker.field.setText("9")
    view.picker.field.returnPressed.emit()
    qtbot.waitUntil(lambda: window.controller.latest.example_index == 9, timeout=WAIT_MS)
    window.controller.paint(force=True)
    assert "example #9" in view.picker.name.text()
    assert view.tiles["A[2]"].heatmap.highlighted_column() == 9
