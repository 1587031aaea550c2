"""The same-start comparisons drawn over the main run's curves: each fork's cost in its
own colour and dash pattern on the cost plot, and its ||dW[l]|| in the layer's colour
with the fork's dash pattern on the gradient plot, each named in the legend by the one
setting that differs ("α = 0.05", "ReLU", "batch 10")."""
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from engine.run_group import MAX_FORKS
from gui import theme
from gui.plots.envelope import curve_points

# The main run is solid; fork i is drawn with dash pattern FORK_DASHES[i] so that it
# reads without colour too, and on the cost plot in the colour of theme layer slot
# FORK_COLOR_SLOTS[i] (the main run's train and test costs take slots 1 and 2).
# One pixel wide: Qt draws 1 px dashes on its fast path, while 2 px dashes through a noisy
# mini-batch curve cost the window a quarter of its frames (benchmarks/bench_gui.py
# --forks 1: 23 frames/s and a p99 lateness of 92 ms, against 31 and 25 ms at 1 px).
FORK_DASHES = (Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)
FORK_COLOR_SLOTS = (3, 5, 6)
assert len(FORK_DASHES) == len(FORK_COLOR_SLOTS) == MAX_FORKS


def fork_color(i):
    return theme.layer_color(FORK_COLOR_SLOTS[i])


def fork_pen(i, color=None, width=1):
    return pg.mkPen(color or fork_color(i), width=width, style=FORK_DASHES[i])


def legend_text(run):
    """The fork's legend entry: what differs, and why it stopped if it did."""
    return f"{run.label} ({run.stopped})" if run.stopped else run.label


def fork_cost_range(forks):
    """(low, high) of the costs of the forks still training (a fork that diverged is left
    out: its last costs would squash everyone else's curve), or (inf, -inf)."""
    low, high = math.inf, -math.inf
    for run in forks:
        if not run.stopped and len(run.costs):
            low, high = min(low, run.costs.low), max(high, run.costs.high)
    return low, high


class LegendEntries:
    """Items in a LegendItem, each with its text, re-added only when the text changes."""

    def __init__(self, legend):
        self.legend = legend
        self._text = {}

    def shows(self, item):
        return self._text.get(id(item)) is not None

    def show(self, item, text):
        """Show `item` as `text`, or leave it out when text is None; returns whether
        that changed the legend."""
        if self._text.get(id(item)) == text:
            return False
        self._text[id(item)] = text
        self.legend.removeItem(item)
        if text is not None:
            self.legend.addItem(item, text)
        theme.cache_static(self.legend)
        return True


class ForkCostCurves:
    """Up to MAX_FORKS dashed cost curves on `plot`, made once, named in `legend`."""

    def __init__(self, plot, legend):
        self.curves = []
        for i in range(MAX_FORKS):
            curve = pg.PlotCurveItem(pen=fork_pen(i), antialias=False, skipFiniteCheck=True)
            plot.addItem(curve)
            self.curves.append(curve)
        self.entries = LegendEntries(legend)

    def clear(self):
        for curve in self.curves:
            curve.setData([], [])
            self.entries.show(curve, None)

    def draw(self, forks, x_low, x_high, columns, in_scale):
        """Hand each fork's curve what is in view; in_scale maps (x, y) to the axis."""
        runs = tuple(forks)
        for i, curve in enumerate(self.curves):
            if i < len(runs):
                curve.setData(*in_scale(curve_points(runs[i].costs, x_low, x_high, columns)))
                self.entries.show(curve, legend_text(runs[i]))
            elif self.entries.shows(curve):
                curve.setData([], [])
                self.entries.show(curve, None)


class ForkGradientCurves:
    """For each fork, one curve per layer in the layer's colour and the fork's dashes;
    one legend entry per fork, named by what differs, its sample in the foreground colour
    (it stands for every layer)."""

    def __init__(self, plot, legend):
        self.plot = plot
        self.entries = LegendEntries(legend)
        foreground = pg.getConfigOption("foreground")
        self.samples = [pg.PlotCurveItem(pen=fork_pen(i, foreground))
                        for i in range(MAX_FORKS)]
        self.curves = [[] for _ in range(MAX_FORKS)]   # [fork][layer]

    def clear(self):
        for i in range(MAX_FORKS):
            self._set_layers(i, 0)
            self.entries.show(self.samples[i], None)

    def draw(self, forks, x_low, x_high, columns, log_norms):
        """Hand each fork's curves what is in view; returns whether the legend changed."""
        runs = tuple(forks)
        changed = False
        for i in range(MAX_FORKS):
            if i >= len(runs):
                self._set_layers(i, 0)
                changed |= self.entries.show(self.samples[i], None)
                continue
            run = runs[i]
            self._set_layers(i, len(run.grad_norms))
            for curve, norms in zip(self.curves[i], run.grad_norms):
                x, y = curve_points(norms, x_low, x_high, columns)
                curve.setData(x, log_norms(y))
            changed |= self.entries.show(self.samples[i], legend_text(run))
        return changed

    def log_range(self, forks, log_norms):
        """(low, high) log10 of every fork's finite norms, or (inf, -inf)."""
        low, high = math.inf, -math.inf
        for run in forks:
            for norms in run.grad_norms:
                if norms.low <= norms.high:
                    lo, hi = log_norms(np.array([norms.low, norms.high]))
                    low, high = min(low, lo), max(high, hi)
        return low, high

    def _set_layers(self, i, L):
        """Fork i has exactly L curves on the plot (made or removed as needed)."""
        curves = self.curves[i]
        while len(curves) > L:
            self.plot.removeItem(curves.pop())
        while len(curves) < L:
            l = len(curves) + 1
            curve = pg.PlotCurveItem(pen=fork_pen(i, theme.layer_color(l)),
                                     antialias=False, skipFiniteCheck=True)
            self.plot.addItem(curve)
            curves.append(curve)
