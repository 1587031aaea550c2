"""The Lessons menu of the window: choosing a lesson puts its settings in the panels and
rebuilds, its panel shows the explanation and the steps, the steps apply one by one, and
a malformed lesson file is named in the banner while the others still load."""
import json
import re

import pytest
from PySide6.QtCore import Qt, QTimer

from engine.lessons.lesson import STEP_ACTIONS
from engine.lessons.library import bundled_lessons
from engine.lessons.reading import lesson_to_dict
from gui.window_layouts import STEP, TRAIN

WAIT_MS = 15_000
SHIPPED = bundled_lessons().lessons


def wait_for_session(qtbot, window, layer_sizes):
    qtbot.waitUntil(lambda: window.controller.session is not None
                    and window.controller.session.layer_sizes == layer_sizes, timeout=WAIT_MS)
    return window.controller.session


def choose(window, lesson_id):
    control = window.lessons
    control.reload()
    control.choose(control.library.find(lesson_id))
    return control


def test_the_menu_lists_every_lesson_by_number_and_opens_with_ctrl_l(window, qtbot):
    control = window.lessons
    seen = []

    def look_and_close():
        seen.extend(action.text() for action in control.menu.actions())
        control.menu.close()

    QTimer.singleShot(300, look_and_close)
    field = window.training_panel.learning_rate_control.edit   # even from a number field
    field.setFocus()
    qtbot.keyClick(field, Qt.Key_L, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    titles = [text for text in seen if text and text[0] == "&"]
    assert titles[:len(SHIPPED)] == [f"&{k % 10}  {lesson.title}"
                                     for k, lesson in enumerate(SHIPPED[:10], start=1)]
    assert "&Open lesson file…" in seen
    assert not window.banner_bar.isVisible()   # every shipped lesson reads cleanly


def test_choosing_a_lesson_sets_the_panels_and_rebuilds(window, qtbot):
    control = choose(window, "extra-features")
    session = wait_for_session(qtbot, window, (4, 1))
    assert session.dataset_name == "circles"
    data = window.data_panel.settings()
    assert (data.name, data.n, data.noise) == ("circles", 300, 0.1)
    # The data in use has the extra inputs (the panel's own settings() shows them once
    # it has its feature check boxes).
    assert window.data_panel.current_dataset().extra_features == ("x1_squared", "x2_squared")
    assert window.model_panel.current_model().hidden_sizes == ()
    assert window.training_panel.values().learning_rate == 1.0
    panel = control.panel
    assert control.dock.isVisible()
    assert "Extra inputs x1² and x2² let one unit draw a circle" in panel.text.toPlainText()
    assert "z = w1 x1 + w2 x2 + w3 x1² + w4 x2² + b" in panel.text.toPlainText()
    assert panel.text.font().pointSize() >= 14   # for a projector
    assert [b.text() for b in panel.buttons] == [
        "▶ a. Play", "b. Apply: Remove the extra inputs", "c. Play"]


def press_in_menu(window, qtbot, key):
    """Ctrl+L, then `key` in the Lessons menu, as a lecturer types them."""
    menu = window.lessons.menu
    QTimer.singleShot(300, lambda: qtbot.keyClick(menu, key))
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=WAIT_MS)


def test_lessons_and_steps_by_keys_alone(window, qtbot):
    press_in_menu(window, qtbot, Qt.Key_5)                         # the fifth lesson
    control = window.lessons
    assert control.lesson.id == SHIPPED[4].id == "symmetry"
    wait_for_session(qtbot, window, (2, 4, 1))
    assert window.model_panel.current_model().init == "zeros"
    assert window.model_panel.current_model().activations == ("sigmoid",)
    press_in_menu(window, qtbot, Qt.Key_A)                         # a. Play
    qtbot.waitUntil(lambda: window.controller.playing, timeout=WAIT_MS)
    press_in_menu(window, qtbot, Qt.Key_B)                         # b. Pause
    qtbot.waitUntil(lambda: not window.controller.playing, timeout=WAIT_MS)
    assert control.panel.buttons[2].text().startswith("▶ c. Apply: Start from small random")
    qtbot.mouseClick(control.panel.buttons[2], Qt.LeftButton)     # c. Apply: small init
    qtbot.waitUntil(lambda: window.model_panel.current_model().init == "small",
                    timeout=WAIT_MS)
    assert control.panel.next_step == 3
    assert window.model_panel.current_model().hidden_sizes == (4,)   # the rest kept


def test_a_later_step_keeps_the_changes_of_the_earlier_ones(window, qtbot):
    control = choose(window, "vanishing-gradients")
    wait_for_session(qtbot, window, (2, 8, 8, 8, 8, 8, 8, 1))
    control.apply_step(2)                                          # ReLU with He
    qtbot.waitUntil(lambda: window.model_panel.current_model().activations == ("relu",) * 6,
                    timeout=WAIT_MS)
    assert window.model_panel.current_model().init == "he"
    qtbot.waitUntil(lambda: window.controller.session.activations[0] == "relu",
                    timeout=WAIT_MS)


def test_every_step_action_has_something_that_runs_it(window, qtbot):
    control = choose(window, "one-neuron")
    wait_for_session(qtbot, window, (1, 1))
    handlers = control.action_handlers()
    assert set(handlers) == set(STEP_ACTIONS)
    handlers["open_graph"]()
    assert window.graph_control.view is not None and window.graph_control.view.isVisible()
    window.graph_control.view.close()
    handlers["step_layout"]()
    assert window.layouts.current == STEP
    handlers["train_layout"]()
    assert window.layouts.current == TRAIN
    handlers["show_loss_surface"]()
    assert not window.view_docks["Loss surface"].visibleRegion().isEmpty()
    handlers["step_update"]()
    qtbot.waitUntil(lambda: window.controller.latest.update == 1, timeout=WAIT_MS)


def test_a_malformed_lesson_file_is_named_in_the_banner_and_the_others_load(
        window, qtbot, tmp_path):
    control = window.lessons
    broken = lesson_to_dict(SHIPPED[0])
    broken["claim"]["checks"][0]["kind"] = "guess"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    assert not control.open_path(str(bad))
    message = window.banner.text()
    assert message.startswith('Lesson skipped: bad.json: claim.checks[0].kind: unknown claim '
                              'kind "guess"; allowed: at_least')
    assert "\n" not in message and window.banner_bar.isVisible()
    assert control.lesson is None   # nothing was applied
    good = lesson_to_dict(SHIPPED[0])
    good["id"], good["title"] = "mine", "My own lesson"
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(good), encoding="utf-8")
    assert control.open_path(str(mine))
    assert control.lesson.id == "mine"
    # Spoil it: the next time the menu opens it is skipped, and the shipped ones load.
    mine.write_text("{", encoding="utf-8")
    control.reload()
    assert len(control.library.lessons) == len(SHIPPED)
    assert window.banner.text() == ("Lesson skipped: mine.json: not valid JSON (line 1, "
                                    "column 2: Expecting property name enclosed in double "
                                    "quotes)")
    skipped = [a for a in control.menu.actions() if a.text().startswith("Skipped mine.json")]
    assert len(skipped) == 1 and not skipped[0].isEnabled()


def test_the_panel_checks_the_claim_and_shows_what_it_measured(window, qtbot):
    control = choose(window, "extra-features")
    panel = control.panel
    assert panel.claim.text() == ""
    qtbot.mouseClick(panel.check_button, Qt.LeftButton)
    assert panel.claim.text().startswith("Checking")
    assert not panel.check_button.isEnabled()
    qtbot.waitUntil(lambda: panel.claim.text().startswith("The claim holds"), timeout=WAIT_MS)
    assert "x1, x2 only: test accuracy 48.6% (at most 75.0%)" in panel.claim.text()
    assert panel.check_button.isEnabled()


def test_a_new_lesson_drops_the_check_of_the_last_one(window, qtbot):
    control = choose(window, "l2-regularisation")
    control.check_claim()
    assert control.claim_check.busy()
    control.choose(control.library.find("digits"))
    assert not control.claim_check.busy() and control.panel.claim.text() == ""


def test_a_check_that_fails_unexpectedly_ends_as_a_message_not_checking_for_ever(
        window, qtbot, monkeypatch):
    def broken(lesson, keep_going=None):
        return {}["no such run"]

    monkeypatch.setattr("gui.lessons.claim_check.check_claim", broken)
    control = choose(window, "extra-features")
    qtbot.mouseClick(control.panel.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not control.claim_check.busy(), timeout=WAIT_MS)
    text = control.panel.claim.text()
    assert "could not be checked: 'no such run'" in text, text
    assert control.panel.check_button.isEnabled()


def lesson_sizes(panel):
    """The text's, the first step button's and the title's (the largest) point sizes."""
    sizes = re.findall(r"font-size:\s*([\d.]+)pt", panel.text.toHtml())
    return (panel.text.font().pointSizeF(), panel.buttons[0].font().pointSizeF(),
            max(float(size) for size in sizes))


def test_the_lesson_text_title_and_steps_follow_the_zoom_made_before_and_after(
        window, qtbot):
    control = choose(window, "batch-modes")
    at_1x = lesson_sizes(control.panel)
    window.zoom.set_level(2.0)
    try:
        # Chosen after the zoom: its buttons are new, and zoomed as they are made.
        control.choose(control.library.find("learning-rate"))
        assert lesson_sizes(control.panel) == pytest.approx([2 * s for s in at_1x])
        assert control.panel.buttons[0].font().bold()
        window.zoom.set_level(1.5)
        assert lesson_sizes(control.panel) == pytest.approx([1.5 * s for s in at_1x])
    finally:
        window.zoom.reset()
    assert lesson_sizes(control.panel) == pytest.approx(at_1x)


def test_every_step_shows_its_whole_text_zoomed_in_presenter_size(window, qtbot):
    window.resize(1366, 768)
    window.zoom.set_level(1.5)
    try:
        control = choose(window, "batch-modes")
        qtbot.wait(50)
        viewport = control.panel._steps_scroll.viewport()
        for button in control.panel.buttons:
            assert button.width() >= button.sizeHint().width(), button.text()
            right = button.mapTo(viewport, button.rect().topRight()).x()
            assert right < viewport.width(), button.text()    # not cut off at the side
    finally:
        window.zoom.reset()
