"""The fork overlay's legend entries (gui/plots/fork_overlay.py): shown, renamed and taken
out in a legend of several columns, in order, none drawn over another; each change said."""
import pyqtgraph as pg
from on_screen import show_at

from gui.plots.fork_overlay import LegendEntries, fork_pen


def overlaps(legend):
    rects = [label.sceneBoundingRect() for _, label in legend.items]
    return sum(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


def test_entries_taken_out_of_a_legend_in_columns_leave_no_overlap(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    legend = widget.getPlotItem().addLegend(colCount=3)
    for l in range(1, 4):
        legend.addItem(widget.plot([0, 1], [0, l]), f"layer {l}")
    entries = LegendEntries(legend)
    samples = [pg.PlotCurveItem(pen=fork_pen(i)) for i in range(3)]
    changes = [entries.show(samples[i], text)
               for i, text in enumerate(("α = 0.05", "ReLU", "batch 10"))]
    changes.append(entries.show(samples[0], None))
    changes.append(entries.show(samples[1], "ReLU (diverged at update 3)"))
    changes.append(entries.show(samples[0], "λ = 0.1"))
    changes.append(entries.show(samples[0], "λ = 0.1"))   # the same text: nothing to do
    show_at(widget, qtbot, 900, 400)
    assert [label.text for _, label in legend.items] == [
        "layer 1", "layer 2", "layer 3", "batch 10", "ReLU (diverged at update 3)", "λ = 0.1"]
    assert overlaps(legend) == 0
    assert changes == [True] * 6 + [False]
    assert entries.shows(samples[2]) and not entries.shows(pg.PlotCurveItem())
