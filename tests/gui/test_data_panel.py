"""DataPanel: initial data, switching sets, refusing bad numbers, digits, debouncing."""

import csv
import time
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel
from signal_recorder import SETTLE_MS, record

from engine.config import ConfigError
from engine.input_features import EXTRA_FEATURES
from gui.panels.data_panel import DataPanel, DataSettings, DataState
from gui.panels.debounce import DEBOUNCE_MS, Debouncer

DIGITS_CSV = Path(__file__).resolve().parents[2] / "resources" / "digits.csv"


@pytest.fixture
def panel(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.show()
    return panel


def spin(panel, name):
    return panel.findChild(QAbstractSpinBox, name)


def message(panel):
    return panel.findChild(QLabel, "data_message")


def test_starts_with_moons_without_an_event_loop(qapp):
    # No events are processed: the main window can start training at once.
    panel = DataPanel()
    dataset = panel.current_dataset()
    assert dataset.name == "moons"
    assert (dataset.n_x, dataset.m_train, dataset.m_test) == (2, 150, 50)
    assert "noise 0.2" in dataset.description


def test_choosing_xor_in_the_combo_emits_one_xor_dataset(qtbot, panel):
    seen = record(panel.dataset_changed)
    combo = panel.findChild(QComboBox, "dataset_combo")
    with qtbot.waitSignal(panel.dataset_changed, timeout=2000) as blocker:
        combo.setCurrentIndex(combo.findData("xor"))
    qtbot.wait(SETTLE_MS)
    assert len(seen) == 1
    assert blocker.args[0].name == "xor"
    assert panel.current_dataset() is blocker.args[0]
    assert combo.currentText() == "XOR"


def test_set_dataset_by_name_updates_the_combo_and_emits_once(qtbot, panel):
    seen = record(panel.dataset_changed)
    panel.set_dataset_by_name("spiral")
    qtbot.wait(SETTLE_MS)
    assert [d.name for d in seen] == ["spiral"]
    assert panel.findChild(QComboBox, "dataset_combo").currentData() == "spiral"


def test_typed_n_below_the_minimum_is_refused_with_a_message(qtbot, panel):
    old = panel.current_dataset()
    seen = record(panel.dataset_changed)
    n = spin(panel, "points_n")
    n.setFocus()
    n.lineEdit().selectAll()
    qtbot.keyClicks(n, "2")
    qtbot.keyClick(n, Qt.Key.Key_Return)
    qtbot.wait(SETTLE_MS)
    assert message(panel).isVisible()
    assert "2 is not allowed" in message(panel).text()
    assert "4 to 100000" in message(panel).text()
    assert n.value() == 200
    assert seen == []
    assert panel.current_dataset() is old


def test_bad_settings_keep_the_old_dataset_and_the_next_success_clears_the_message(qtbot, panel):
    old = panel.current_dataset()
    seen = record(panel.dataset_changed)
    assert panel.load(replace(panel.settings(), n=2)) is None
    assert "n=2" in message(panel).text()
    assert "still using the previous data" in message(panel).text()
    assert seen == []
    assert panel.current_dataset() is old
    assert panel.load(replace(panel.settings(), n=300)) is not None
    assert not message(panel).isVisible()
    assert len(seen) == 1


def test_digits_with_k_3_has_the_threes_as_positives(qtbot, panel):
    with DIGITS_CSV.open(newline="") as handle:
        threes = sum(row["digit"] == "3" for row in csv.DictReader(handle))
    panel.set_dataset_by_name("digits")
    assert spin(panel, "digit_k").isEnabled()
    assert not spin(panel, "points_n").isEnabled()
    assert not spin(panel, "noise").isEnabled()
    with qtbot.waitSignal(panel.dataset_changed, timeout=3000) as blocker:
        spin(panel, "digit_k").setValue(3)
    dataset = blocker.args[0]
    assert dataset.n_x == 64
    assert dataset.m_train + dataset.m_test == 1797
    assert int(dataset.Y_train.sum() + dataset.Y_test.sum()) == threes == 183


def test_synthetic_sets_disable_the_digit(panel):
    assert spin(panel, "points_n").isEnabled()
    assert not spin(panel, "digit_k").isEnabled()
    panel.set_dataset_by_name("breast_cancer")
    assert not spin(panel, "points_n").isEnabled()
    assert not spin(panel, "digit_k").isEnabled()
    assert spin(panel, "test_share").isEnabled()


def test_three_quick_changes_of_n_build_one_dataset(qtbot, panel):
    seen = record(panel.dataset_changed)
    n = spin(panel, "points_n")
    for value in (210, 220, 230):
        n.setValue(value)
    assert seen == []  # nothing is built before the debounce runs out
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=2000)
    qtbot.wait(SETTLE_MS)
    assert len(seen) == 1
    assert seen[0].m_train + seen[0].m_test == 230


def test_test_share_and_seed_rebuild_the_data(qtbot, panel):
    with qtbot.waitSignal(panel.dataset_changed, timeout=2000) as blocker:
        spin(panel, "test_share").setValue(0.5)
        spin(panel, "data_seed").setValue(7)
    dataset = blocker.args[0]
    assert (dataset.m_train, dataset.m_test) == (100, 100)
    assert "seed 7" in dataset.description


def test_unknown_name_raises_and_changes_nothing(panel):
    old = panel.current_dataset()
    with pytest.raises(ValueError, match="unknown data set"):
        panel.set_dataset_by_name("nope")
    with pytest.raises(ValueError, match="no CSV file"):
        panel.set_dataset_by_name("csv")
    assert panel.current_dataset() is old
    assert panel.findChild(QComboBox, "dataset_combo").currentData() == "moons"


# --- typed numbers: applied 300 ms after the last change, refused with the range -----


@pytest.mark.parametrize(("name", "value"), [
    ("points_n", 20_000), ("points_n", 100_000), ("data_seed", 2_147_483_647),
    ("test_share", 0.5), ("noise", 0.9)])
def test_a_change_applies_300_ms_later_whatever_the_value(qtbot, panel, name, value):
    seen = record(panel.dataset_changed)
    debounce = panel.findChild(Debouncer)
    started = time.monotonic()
    spin(panel, name).setValue(value)
    assert debounce.isActive()
    assert debounce.interval() == DEBOUNCE_MS == 300
    assert 0 < debounce.remainingTime() <= DEBOUNCE_MS
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    assert time.monotonic() - started >= 0.25


def type_into(qtbot, box, text):
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


@pytest.mark.parametrize(("name", "typed", "allowed"), [
    ("data_seed", "-5", "type a whole number from 0 to 2147483647"),
    ("points_n", "1e3", "type a whole number from 4 to 100000"),
    ("points_n", "12.5", "type a whole number from 4 to 100000"),
    ("digit_k", "-1", "type a whole number from 0 to 9"),
    ("noise", "-0.1", "type a number from 0 to 1"),
    ("test_share", "0.95", "type a number from 0 to 0.9"),
])
def test_typed_numbers_outside_the_rules_are_refused_not_changed(
        qtbot, panel, name, typed, allowed):
    panel.set_dataset_by_name("digits" if name == "digit_k" else "moons")
    box = spin(panel, name)
    before = box.value()
    old = panel.current_dataset()
    seen = record(panel.dataset_changed)
    type_into(qtbot, box, typed)
    qtbot.wait(SETTLE_MS)
    assert box.value() == before
    assert seen == [] and panel.current_dataset() is old
    label = {"data_seed": "Data seed", "points_n": "Points n", "digit_k": "Digit k",
             "noise": "Noise", "test_share": "Test share"}[name]
    assert message(panel).text() == f"{label}: {typed} is not allowed; {allowed}"


def test_a_number_typed_with_an_exponent_keeps_its_value(qtbot, panel):
    seen = record(panel.dataset_changed)
    type_into(qtbot, spin(panel, "test_share"), "1e-1")
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    assert spin(panel, "test_share").value() == pytest.approx(0.1)


def test_a_csv_split_that_the_window_refuses_keeps_the_data(qtbot, panel, tmp_path):
    path = tmp_path / "good.csv"
    path.write_text("a,b,y\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(40)))
    dialog = panel.open_csv(path)
    qtbot.waitUntil(dialog.ok_button().isEnabled, timeout=5000)
    dialog.ok_button().click()
    accepted = panel.current_dataset()

    def refuse_big_test_sets(dataset):
        if dataset.m_test > 15:
            raise ConfigError(f"{dataset.m_test} test examples is too many here")
    panel.set_dataset_check(refuse_big_test_sets)
    seen = record(panel.dataset_changed)
    spin(panel, "test_share").setValue(0.5)
    qtbot.waitUntil(lambda: message(panel).isVisible(), timeout=5000)
    assert message(panel).text() == ("20 test examples is too many here "
                                     "(still using the previous data)")
    assert seen == [] and panel.current_dataset() is accepted


# --- extra input features (gui/panels/feature_boxes.py) ---

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
