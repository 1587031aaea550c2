"""The gradient check's window on its own: its words for each outcome, a row per array,
a point per checked entry."""
import numpy as np
import pytest
from on_screen import show_at

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.gradcheck import ArrayCheck
from engine.trainer import Trainer
from engine.trainer_gradcheck import GradientCheckReport, check_trainer
from gui import theme
from gui.gradcheck_view import GradientCheckView, scope_text, verdict_text


def values(n, scale=1.0):
    v = np.linspace(-1, 1, n) * scale
    v.flags.writeable = False
    return v


def report_of(arrays, examples=150, batch=150, training=150, max_per_array=None):
    return GradientCheckReport(tuple(arrays), 7, 0, examples, batch, training, max_per_array,
                               0.01, 6e-6, 0.25)


PASSING = ArrayCheck("W[1]", (3, 2), 6, 1e-11, 1e-9, 0.01, 1e-10,
                     indices=np.arange(6), numeric=values(6), backprop=values(6))
FAILING = ArrayCheck("W[2]", (1, 3), 3, 1e-3, 1e-9, 4e5, 5e-3,
                     indices=np.arange(3), numeric=values(3, 1.01), backprop=values(3))
UNCHECKED = ArrayCheck("b[2]", (1, 1), 0, 0.0, 0.0, 0.0, 0.0, skipped_kinks=1)


@pytest.fixture
def view(qtbot):
    theme.configure_pyqtgraph()
    v = GradientCheckView()
    qtbot.addWidget(v)
    show_at(v, qtbot, 1000, 700)
    return v


def test_every_array_gets_a_row_with_its_result_in_words_and_a_symbol(view):
    view.show_report(report_of([PASSING, FAILING, UNCHECKED]))
    assert view.table.rowCount() == 3
    assert view.status_texts() == ["\u2714 PASS", "\u2718 FAIL", "\u2013 not checked"]
    assert [view.table.item(r, 2).text() for r in range(3)] == [
        "6 of 6", "3 of 3", "0 of 1 (1 at a corner)"]
    assert view.table.item(1, 6).text() == "4e+05"          # the worst ratio
    assert view.table.item(2, 3).text() == "\u2013"          # nothing to measure
    assert view.verdict.text().startswith("\u2718 FAIL: W[2] differ")
    assert not view.busy.isVisible() and view.again.isEnabled()


def test_the_scatter_has_one_point_per_checked_entry_and_a_legend_entry_per_array(view):
    view.show_report(report_of([PASSING, FAILING, UNCHECKED]))
    assert view.scatter.point_count() == 9
    legend = [label.text for _, label in view.scatter.legend.items]
    assert legend == ["W[1] \u2714", "W[2] \u2718 FAIL", "y = x: they agree"]
    # The same interval on both axes, so y = x is the diagonal of the plot.
    x_range, y_range = view.scatter.getPlotItem().getViewBox().viewRange()
    assert x_range == pytest.approx(y_range)
    assert x_range[0] < -1.01 and x_range[1] > 1.01


def test_a_new_report_replaces_the_old_rows_and_points(view):
    view.show_report(report_of([PASSING, FAILING, UNCHECKED]))
    view.show_report(report_of([PASSING]))
    assert view.status_texts() == ["\u2714 PASS"]
    assert view.scatter.point_count() == 6


def test_the_verdicts_in_words():
    assert verdict_text(report_of([PASSING])) == (
        "\u2714 PASS: backprop agrees with the numerical gradient in every array checked "
        "(1 of 1).")
    assert verdict_text(report_of([PASSING, UNCHECKED])).endswith(
        "(1 of 2); b[2] not checked (every entry at a ReLU corner).")
    assert verdict_text(report_of([UNCHECKED])).startswith("\u2013 not checked: every entry")


def test_the_scope_says_which_examples_and_entries():
    whole = scope_text(report_of([PASSING]))
    assert whole.startswith("The parameters after 7 updates, on all the 150 training examples "
                            "(full batch); every entry of every array (6)")
    assert "\u03bb = 0.01" in whole and "Took 0.25 s" in whole
    sampled = scope_text(report_of([PASSING], examples=256, batch=512, training=1349,
                                   max_per_array=500))
    assert "on a seeded sample of 256 of the 512 examples of the batch of update 8;" in sampled
    assert "a seeded sample of at most 500 entries per array (6 of 6 entries)" in sampled
    batch = scope_text(report_of([PASSING], examples=16, batch=16))
    assert "on the 16 examples of the batch of update 8;" in batch


def test_running_and_problems_are_said_in_words(view):
    view.show_running()
    assert view.verdict.text() == "Checking the gradients\u2026"
    assert view.busy.isVisible() and not view.again.isEnabled()
    view.show_problem("There is no model to check yet: choose data first.")
    assert view.verdict.text().startswith("There is no model")
    assert not view.busy.isVisible() and view.again.isEnabled()
    assert view.scatter.point_count() == 0


def test_a_real_report_of_a_sampled_big_net(view):
    digits = load_dataset("digits")
    trainer = Trainer(digits, make_model_config((64, 32, 16, 1), "tanh"),
                      make_train_config(0.5, 0.0, 0))
    report = check_trainer(trainer)
    view.show_report(report)
    assert view.scatter.point_count() == report.entries_checked == 1065
    assert view.table.item(0, 2).text() == "500 of 2,048"
