"""The step-through view against the engine's own records: every phase of a 2-4-3-1 net,
the followed example's column (full batch and mini-batch), the phase strip, the output
layer's per-example derivation and the example field (its keys: test_keys_in_fields.py)."""
import re

import numpy as np
import pytest
from on_screen import new_view, show_at
from PySide6.QtCore import Qt

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.phases import UPDATE
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer
from gui.stepper.change_tile import ChangeTile
from gui.stepper.derivation_html import derivation_html
from gui.stepper.equation_html import equation_html
from gui.stepper.heatmap import Heatmap, reduce_blocks
from gui.stepper.key_hints import back_reach
from gui.stepper.number_format import full_number, short_number
from gui.stepper.output_derivation import example_derivation
from gui.stepper.phase_strip import CURRENT, DONE, LATER, NEXT
from gui.stepper.step_view import StepView
from gui.training_history import TrainingHistory

SIZES = (2, 4, 3, 1)
P = 2 * 3 + 2


@pytest.fixture(scope="module")
def xor():
    return load_dataset("xor", n=60, noise=0.1, seed=3)


class Stepping:
    """A trainer stepped phase by phase and a StepView shown its snapshots."""

    def __init__(self, qtbot, data, batch=0, example=17, l2=0.0, sizes=SIZES):
        self.trainer = Trainer(data, make_model_config(sizes, "tanh", "xavier", 2),
                               make_train_config(0.5, l2, batch))
        self.session = make_session_info(self.trainer, resolution=10)
        self.stream = SnapshotStream(self.trainer, self.session)
        self.example = example
        self.view = new_view(qtbot, StepView)
        self.view.set_session(self.session)
        show_at(self.view, qtbot, 1200, 700)
        self.snapshot = self.show(None)

    def show(self, record, **options):
        options.setdefault("example_index", self.example)
        self.snapshot = self.stream.take(last_phase=record, **options)
        assert self.view.show_snapshot(self.snapshot, TrainingHistory()) is True
        return self.snapshot

    def step(self):
        record = self.trainer.step_phase()
        self.show(record)
        return record


def plain(html):
    return re.sub(r"<[^>]+>", "", html).replace("&nbsp;", " ")


def test_every_phase_shows_its_equation_tiles_shapes_and_values(qtbot, xor):
    s = Stepping(qtbot, xor)
    view = s.view
    for i in range(P):
        record = s.step()
        spec = record.spec
        assert f"phase {i + 1} of {P} — {spec.title}" in view.header_text()
        assert view.equation.text() == equation_html(spec.equation)
        if i + 1 < P:
            assert f"next: {s.trainer.specs[i + 1].title}" in view.header_text()
        if spec.kind == UPDATE:
            changed = [n for n, t in view.tiles.items() if isinstance(t, ChangeTile)]
            assert changed == list(record.writes)
            for name in record.writes:
                tile = view.tiles[name]
                assert np.array_equal(tile.old, record.reads[name])
                assert np.array_equal(tile.new, record.writes[name])
                # The change is the step itself: -alpha dW.
                step = -record.learning_rate * record.reads["d" + name]
                assert np.allclose(tile.change, step, rtol=1e-9, atol=1e-15)
            assert set(view.tiles) == set(record.reads)
            continue
        assert set(view.tiles) == set(record.reads) | set(record.writes)
        for values in (record.reads, record.writes):
            for name, a in values.items():
                tile = view.tiles[name]
                assert np.array_equal(tile.values, a)
                shape = "scalar" if a.ndim == 0 else f"({', '.join(map(str, a.shape))})"
                assert shape in plain(tile.title.text())
                if a.ndim == 2 and a.shape[1] == record.m and not name[0] in "Wb" \
                        and not name.startswith(("dW", "db")):
                    assert tile.heatmap.highlighted_column() == s.example
    assert "Forward, layer 1 of update 2" in view.header_text()


def test_the_equation_is_in_the_seeds_notation_not_ascii(qtbot, xor):
    s = Stepping(qtbot, xor)
    for spec in s.trainer.specs:
        html = equation_html(spec.equation)
        assert not re.search(r"[A-Za-z]\[", html), html       # W[1] became W<sup>[1]</sup>
        for ascii_word in ("alpha", "lambda", "sum", "^T", "^2", "(1/m)"):
            assert ascii_word not in html
    assert "<sup>[1]</sup>" in equation_html(s.trainer.specs[0].equation)
    backward = equation_html(s.trainer.specs[4].equation)
    assert "</sup>ᵀ" in backward and "&frasl;<sub>m</sub>" in backward and "Σ" in backward


def test_small_arrays_show_their_numbers_and_large_ones_do_not(qtbot, xor):
    s = Stepping(qtbot, xor)
    record = s.step()
    w = s.view.tiles["W[1]"].heatmap
    assert w.number_texts() == [[short_number(v) for v in row] for row in record.reads["W[1]"]]
    assert s.view.tiles["A[0]"].heatmap.number_texts() is None      # (2, 46): too wide
    # The followed example's column is listed under a wide heatmap instead.
    caption = s.view.tiles["Z[1]"].caption.text()
    assert f"example #{s.example}" in caption
    assert f"{record.writes['Z[1]'][0, s.example]:.6g}".replace("-", "−") in caption


def test_a_large_array_is_reduced_keeping_its_largest_values():
    a = np.zeros((64, 1400))
    a[10, 1234] = -7.0
    shown, row_step, col_step = reduce_blocks(a, 160, 300)
    assert shown.shape == (64, 280) and row_step == 1 and col_step == 5
    assert shown.min() == -7.0 and shown[10, 1234 // 5] == -7.0


def test_mini_batch_outlines_the_followed_examples_column(qtbot, xor):
    s = Stepping(qtbot, xor, batch=16, example=0)
    batch = s.trainer.batch_examples().copy()
    s.example = int(batch[5])
    s.show(None)
    assert not s.view.picker.absent.isVisible()
    record = s.step()
    assert record.column_of(s.example) == 5
    for name in ("A[0]", "Z[1]", "A[1]"):
        assert s.view.tiles[name].heatmap.highlighted_column() == 5
    assert f"#{s.example}" in s.view.picker.name.text()


def test_an_example_not_in_the_batch_is_said_and_the_batch_first_offered(qtbot, xor):
    s = Stepping(qtbot, xor, batch=16, example=0)
    batch = s.trainer.batch_examples().copy()
    outside = int(next(i for i in range(46) if i not in batch))
    s.example = outside
    s.step()
    picker = s.view.picker
    assert picker.absent.isVisible() and "not in this batch" in picker.absent.text()
    assert picker.offer.text() == f"Follow #{batch[0]}, the batch's first example"
    assert s.view.tiles["A[1]"].heatmap.highlighted_column() is None
    with qtbot.waitSignal(s.view.example_requested) as asked:
        qtbot.mouseClick(picker.offer, Qt.LeftButton)
    assert asked.args == [int(batch[0])]


def test_the_strip_marks_phases_and_shows_a_done_one_again(qtbot, xor):
    s = Stepping(qtbot, xor)
    strip = s.view.strip
    assert strip.states() == [NEXT] + [LATER] * (P - 1)
    records = [s.step() for _ in range(3)]
    assert strip.states() == [DONE, DONE, CURRENT, NEXT] + [LATER] * (P - 4)
    assert strip.button(2).text().startswith("▶") and strip.button(0).text().startswith("✓")
    qtbot.mouseClick(strip.button(0), Qt.LeftButton)
    assert s.view.shown_record() is records[0]
    assert "phase 1 of 8" in s.view.header_text() and "shown again" in s.view.header_text()
    assert np.array_equal(s.view.tiles["Z[1]"].values, records[0].writes["Z[1]"])
    qtbot.mouseClick(strip.button(5), Qt.LeftButton)       # not run yet: nothing happens
    assert s.view.shown_record() is records[0]
    qtbot.mouseClick(strip.button(2), Qt.LeftButton)
    assert s.view.shown_record() is records[2]
    assert "next: Cost" in s.view.header_text()


def test_back_reach_and_key_hints_name_the_right_keys(qtbot, xor):
    s = Stepping(qtbot, xor)
    assert "Nothing to step back to" in s.view.reach.text()
    s.step()
    hint = plain(s.view.hint.text())
    assert "Shift+→ or . next phase" in hint and "→ or N the rest of this update" in hint
    assert "← back one phase" in hint and "Shift+← back one update" in hint
    assert "Space play" in hint
    # A count of updates goes with the key that steps back an update, not a phase.
    assert s.view.reach.text() == "Shift+← goes back up to 1 update"
    assert back_reach(40, 3) == "Shift+← goes back up to 40 updates"


def test_without_a_record_the_next_phase_is_shown_with_its_code(qtbot, xor):
    s = Stepping(qtbot, xor)
    s.trainer.step_update()
    s.show(None)
    view = s.view
    assert "Update 2 · next: phase 1 of 8 — Forward, layer 1" in view.header_text()
    assert view.equation.text() == equation_html(s.trainer.specs[0].equation)
    assert "Z = W @ A_prev + b" in view.code.plain_text()
    assert view.tiles == {}
    assert "→ or N" in plain(view.hint.text())


def test_while_playing_a_short_note_replaces_the_tiles(qtbot, xor):
    s = Stepping(qtbot, xor)
    s.step()
    s.show(None, playing=True)
    assert s.view.tiles == {} and not s.view.strip.isVisible()
    assert "Pause with" in s.view.note.text() and "Training" in s.view.header_text()


@pytest.mark.parametrize("batch", [0, 16])
def test_the_per_example_gradients_average_to_dW(xor, batch):
    trainer = Trainer(xor, make_model_config(SIZES, "tanh", "xavier", 2),
                      make_train_config(0.5, 0.0, batch))
    for _ in range(P - 3):
        record = trainer.step_phase()
    assert record.spec.title == "Backward, layer 3"
    derivations = [example_derivation(record, column) for column in range(record.m)]
    mean = np.mean([d.dl_dw for d in derivations], axis=0)
    assert np.allclose(mean, record.writes["dW[3]"][0], rtol=1e-12, atol=1e-15)
    assert np.mean([d.dl_db for d in derivations]) == pytest.approx(
        record.writes["db[3]"][0, 0], abs=1e-15)
    dz = record.writes["dZ[3]"][0]
    for column, d in enumerate(derivations):
        assert d.dl_dz == pytest.approx(dz[column], abs=1e-15)
        # dl/dz is dl/da times da/dz = a(1 - a): the chain rule gives a - y.
        assert d.dl_da * d.a * (1 - d.a) == pytest.approx(d.dl_dz, rel=1e-9)


def test_the_derivation_shows_the_followed_examples_numbers(qtbot, xor):
    s = Stepping(qtbot, xor, example=17)
    for _ in range(P - 3):
        record = s.step()
    text = plain(s.view.derivation.text())
    a = record.reads["A[3]"][0, 17]
    y = record.reads["Y"][0, 17]
    assert s.view.derivation.isVisible()
    assert "example: #17" in text
    assert f"a − y = {full_number(a - y)}" in text
    x = record.reads["A[2]"][:, 17]
    for i in range(3):
        assert f"= {full_number(x[i] * (a - y))}" in text
    assert "mean of the dl/dw over the m = 46 examples" in text


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_the_derivation_puts_the_lambda_term_on_dW_alone(xor, l2):
    trainer = Trainer(xor, make_model_config(SIZES, "tanh", "xavier", 2),
                      make_train_config(0.5, l2, 0))
    for _ in range(P - 3):
        record = trainer.step_phase()
    text = plain(derivation_html(record, 17, 17))
    dW_row, db_row = text.split("dW[3] is the mean")[1].split("db[3] is the mean")
    assert "λ" not in text.split("dW[3] is the mean")[0]
    db = record.writes["db[3]"][0, 0]
    assert db == pytest.approx(record.writes["dZ[3]"].mean(), abs=1e-15)   # never with λ
    assert f"db[3] = {full_number(db)}" in db_row
    dW = record.writes["dW[3]"][0]
    assert f"dW[3] = [{full_number(dW[0])}, " in dW_row
    if l2:
        assert "plus λ" in dW_row and "no λ term here" in db_row
        assert "plus" not in db_row
    else:
        assert "λ" not in dW_row + db_row


def test_the_derivation_of_logistic_regression_counts_inputs():
    data = load_dataset("breast_cancer")
    trainer = Trainer(data, make_model_config((30, 1), "tanh", "xavier", 2),
                      make_train_config(0.5, 0.0, 0))
    for _ in range(3):                              # forward, cost, backward
        record = trainer.step_phase()
    assert record.spec.title == "Backward, layer 1"
    text = plain(derivation_html(record, 0, 0))
    assert "dl/dw1 = x1·dz" in text
    assert "… and 22 more, one per input" in text and "layer 0" not in text


def test_typing_an_example_asks_for_it_and_bad_input_says_what_is_allowed(qtbot, xor):
    s = Stepping(qtbot, xor)
    picker = s.view.picker
    seen = []
    s.view.example_requested.connect(seen.append)
    for bad, says in (("abc", "is not an example number"), ("46", "There is no example #46"),
                      ("-1", "There is no example #-1")):
        picker.field.setText(bad)
        qtbot.keyClick(picker.field, Qt.Key_Return)
        assert says in picker.message.message() and "from 0 to 45" in picker.message.message()
    assert seen == []
    assert "#17" in picker.name.text()                 # the old choice is kept
    picker.field.setText("3")
    qtbot.keyClick(picker.field, Qt.Key_Return)
    assert seen == [3] and picker.message.message() == ""


@pytest.mark.parametrize("size", [(450, 350), (1200, 700)])
@pytest.mark.parametrize("sizes", [SIZES, (2, 8, 8, 6, 6, 6, 1)])
def test_every_phase_fits_the_width_it_is_given(qtbot, xor, size, sizes):
    """In a small dock and large alike the view scrolls down, never sideways: nothing is
    cut off at the right edge (8 x 8 weights and a 6-layer strip included)."""
    s = Stepping(qtbot, xor, sizes=sizes)
    s.view.resize(*size)
    for _ in range(2 * len(sizes)):
        s.step()
        qtbot.wait(10)
        content = s.view.scroll.widget()
        assert content.minimumSizeHint().width() <= s.view.scroll.viewport().width()
        assert s.view.scroll.horizontalScrollBar().maximum() == 0


def test_hovering_a_cell_finds_its_row_and_column(qtbot):
    heatmap = new_view(qtbot, Heatmap)
    values = np.arange(4 * 1400, dtype=float).reshape(4, 1400)
    heatmap.set_array(values, 5600.0, column=700)
    rows, cols = heatmap.shown_shape()
    assert rows == 4
    assert cols <= heatmap.width()                   # never more columns than pixels
    step = -(-1400 // cols)
    rect = heatmap.cell_rect(2, 700 // step)
    assert heatmap.cell_at(rect.center().toPoint()) == (2, (700 // step) * step)


def test_a_snapshot_sent_for_another_reason_keeps_the_last_phase_on_screen(qtbot, xor):
    s = Stepping(qtbot, xor)
    records = [s.step() for _ in range(3)]
    s.trainer.set_learning_rate(0.25)              # the worker sends a snapshot without
    again = s.stream.take(example_index=s.example)  # a record for this
    assert s.view.show_snapshot(again, TrainingHistory()) is False   # nothing new to draw
    s.view.set_session(s.session)                  # and a view that sees only this one
    assert s.view.show_snapshot(again, TrainingHistory()) is True
    assert s.view.shown_record() is s.trainer.phase_records[-1]
    assert s.view.shown_record().spec.index == records[-1].spec.index
    assert "phase 3 of 8" in s.view.header_text() and "next: Cost" in s.view.header_text()
    assert s.view.strip.states()[:4] == [DONE, DONE, CURRENT, NEXT]
