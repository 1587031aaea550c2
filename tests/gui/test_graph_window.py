"""The computational graph's window: stepping with the stepper's keys, the numbers it shows,
refused values, the presets, and K in the main window."""
import math

import pytest
from on_screen import open_active_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from engine.loss_graph import closed_form, engine_gradients
from gui.graph_position import BACKWARD, DONE, FORWARD, START
from gui.graph_window import GraphWindow
from gui.stepper.number_format import full_number

WAIT_MS = 15_000


@pytest.fixture
def window(qtbot):
    w = GraphWindow()
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=WAIT_MS)
    return w


def press(window, key, modifier=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(window.windowHandle(), key, modifier)


def box_text(window, name):
    return window.canvas.texts[name].toPlainText()


def words(window):
    return window.words.toPlainText()


def test_period_and_shift_right_step_one_node_each_showing_its_value(window):
    assert window.position.phase == START
    assert "=" not in box_text(window, "u") and "= 3" in box_text(window, "x")  # inputs given
    press(window, Qt.Key.Key_Period)
    assert window.position.done == 1
    assert "= 9" in box_text(window, "u") and "=" not in box_text(window, "z")
    assert "u = w x, from w = 3, x = 3: u = 9" in words(window)
    press(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.position.done == 2 and "= 9" in box_text(window, "z")
    press(window, Qt.Key.Key_Left)
    assert window.position.done == 1 and "=" not in box_text(window, "z")


def test_right_runs_each_sweep_and_the_end_shows_the_three_columns(window):
    press(window, Qt.Key.Key_Right)
    position = window.position
    assert position.done == len(position.forward) and position.phase == FORWARD
    loss = math.log(1 + math.exp(-9))
    assert f"l = {full_number(loss)}" in words(window)
    assert "grad" not in box_text(window, "l")
    press(window, Qt.Key.Key_Right)
    assert position.phase == DONE
    text = words(window)
    closed, engine = closed_form(3, 3, 0, 1), engine_gradients(3, 3, 0, 1)
    for name in ("w", "b"):
        graph = position.walkthrough.grads[name]
        assert f"{graph:.12g}".replace("-", "\u2212") in text
        assert f"{closed[name]:.12g}".replace("-", "\u2212") in text
        assert f"{engine[name]:.12g}".replace("-", "\u2212") in text
    assert "closed form" in text and "engine" in text
    assert all("grad" in box_text(window, n.name) for n in position.walkthrough.graph.nodes)
    press(window, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert position.phase == START and "grad" not in box_text(window, "w")


def test_a_backward_step_writes_out_local_times_upstream(window):
    press(window, Qt.Key.Key_Right)   # the whole forward sweep
    position = window.position
    while position.current.node.name != "p":
        press(window, Qt.Key.Key_Period)
    assert position.phase == BACKWARD
    step = position.current
    text = words(window)
    assert "Backward" in text and f"upstream \u2202l/\u2202p = {full_number(step.upstream)}" in text
    for number in (step.local[0], step.upstream, step.products[0]):
        assert full_number(number) in text
    assert step.products[0] == step.local[0] * step.upstream
    assert f"grad {full_number(step.upstream)}" in box_text(window, "p")
    assert "grad" not in box_text(window, "s")   # not passed yet


def test_every_key_is_a_window_action_with_the_stepper_keys(window):
    keys = {a.text(): {k.toString() for k in a.shortcuts()} for a in window.actions()}
    assert keys["Next node"] == {"Shift+Right", "."}
    assert keys["Whole sweep"] == {"Right"}
    assert keys["Back a node"] == {"Left"}
    assert keys["Back to the start"] == {"Shift+Left"}


def test_a_bad_value_is_refused_with_a_message_and_the_graph_is_kept(window):
    press(window, Qt.Key.Key_Period)
    before = window.position
    for text, message in (("abc", "x must be a number"), ("nan", "x must be a finite number")):
        window.fields[0].setText(text)
        window.apply_fields()
        assert message in window.message.text()
        assert "keeps x = 3, w = 3, b = 0, y = 1" in window.message.text()
        assert window.position is before and before.done == 1
    window.fields[0].setText("3")
    window.fields[3].setText("0.5")
    window.apply_fields()
    assert "y must be 0 or 1" in window.message.text() and window.position is before


def test_new_values_rebuild_the_graph_from_the_start(window):
    for field, text in zip(window.fields, ("1", "40", "0", "0")):
        field.setText(text)
    window.apply_fields()
    assert window.message.text() == ""
    press(window, Qt.Key.Key_Right)
    press(window, Qt.Key.Key_Right)
    grads = window.position.walkthrough.grads
    assert grads["b"] == pytest.approx(1.0, rel=1e-12) and math.isfinite(grads["w"])
    assert "inf" not in words(window) and "nan" not in words(window)


def test_the_chain_preset_has_its_own_fields_and_reuses_its_forward_derivatives(window, qtbot):
    chain_button = next(b for b in window.findChildren(QPushButton)
                        if b.text().startswith("Chain"))
    qtbot.mouseClick(chain_button, Qt.MouseButton.LeftButton)
    assert [label.text() for label in window.labels][:3] == ["x", "w1", "w2"]
    assert set(window.canvas.texts) == {"x", "w1", "w2", "t", "h", "g", "f"}
    for _ in range(3):
        press(window, Qt.Key.Key_Period)
    assert "recorded now for the way back" in words(window)
    press(window, Qt.Key.Key_Period)   # backward: f
    press(window, Qt.Key.Key_Period)   # backward: g, multiplying df/dg by dg/dh
    assert window.position.current.node.name == "g"
    assert "the one the forward sweep recorded" in words(window)
    press(window, Qt.Key.Key_Right)
    assert window.position.phase == DONE and "chain rule in one line" in words(window)


def test_the_drawing_fits_a_1366_by_768_screen_readably(window):
    window.resize(1366, 740)
    QTest.qWait(50)
    canvas = window.canvas
    scale = canvas.transform().m11()
    shown = canvas.mapFromScene(canvas.sceneRect()).boundingRect()
    assert canvas.viewport().rect().adjusted(-2, -2, 2, 2).contains(shown)
    assert scale > 0.65   # 10.5 pt box text stays at about 7 pt or more


def test_k_opens_the_graph_window_from_the_main_window(qtbot):
    main = open_active_window(qtbot, WAIT_MS)
    try:
        QTest.keyClick(main.windowHandle(), Qt.Key.Key_K)
        view = main.graph_control.view
        assert view is not None and view.isVisible() and not view.isModal()
        assert view.isWindow() and view.parentWidget() is main
        qtbot.waitUntil(view.isActiveWindow, timeout=WAIT_MS)
        QTest.keyClick(view.windowHandle(), Qt.Key.Key_Period)
        assert view.position.done == 1
        QTest.qWait(300)   # time for a phase step the main window might (wrongly) have sent
        latest = main.controller.latest
        assert (latest.update, latest.phase) == (0, 0)   # the main window did not step
    finally:
        main.shut_down()


def test_in_a_field_a_decimal_point_is_typed_and_shift_right_still_steps(window, qtbot):
    field = window.fields[1]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=WAIT_MS)
    field.end(False)
    QTest.keyClick(field, Qt.Key.Key_Period)
    QTest.keyClick(field, Qt.Key.Key_5)
    assert field.text() == "3.5" and window.position.done == 0
    QTest.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.position.done == 1
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.values["w"] == 3.5 and window.position.done == 0   # rebuilt, at the start
    QTest.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert "= 10.5" in box_text(window, "u")   # u = w x with the new w


def test_the_chain_backward_step_writes_df_dh_as_df_dg_times_dg_dh(window, qtbot):
    window.load("chain", {"x": 3, "w1": 0.5, "w2": -2, "t": 1})
    press(window, Qt.Key.Key_Right)   # the forward sweep
    while window.position.current.node.name != "g":
        press(window, Qt.Key.Key_Period)
    step = window.position.current
    assert "\u2202f/\u2202h +=" in words(window)
    assert "\u2202g/\u2202h \u00d7 \u2202f/\u2202g =" in words(window)
    assert full_number(step.products[1]) in words(window)
    assert step.products[1] == window.position.walkthrough.grads["h"]
