"""The one-feature picture's model: P(y = 1 | x) as a curve over the data's range and
the threshold x* where it crosses 0.5, as labelled vertical lines; drawn on the plot of
the decision-boundary view (gui/plots/boundary_plot.py), which draws the points."""
import numpy as np
import pyqtgraph as pg

from engine.one_feature import curve_xs, is_logistic_regression, probability_curve, thresholds
from gui import theme

CURVE_COLOR = "#202020"
THRESHOLD_COLOR = "#6a1b9a"
MAX_THRESHOLDS = 6     # a deeper net's curve may cross 0.5 more often; these are labelled


def signed(value, digits=3):
    """A number with a true minus sign, e.g. −0.420, so a column of them lines up."""
    if np.isfinite(value) and round(value, digits) == 0:
        value = 0.0     # never "−0.000" (x* = −β0 / β1 while b[1] is still 0)
    text = f"{value:+.{digits}f}" if np.isfinite(value) else "not finite"
    return text.replace("-", "\u2212").replace("+", "")


def parameter_words(W, b):
    """'β0 = b[1] = −0.420,  β1 = W[1] = 1.900' for logistic regression on one feature."""
    beta0, beta1 = float(b[0][0, 0]), float(W[0][0, 0])
    return f"β0 = b[1] = {signed(beta0)},  β1 = W[1] = {signed(beta1)}"


class OneFeatureCurve:
    """The curve, the P = 0.5 level and up to MAX_THRESHOLDS threshold lines, made once
    per session (add_to) and updated with each new model (paint)."""

    def __init__(self):
        self.curve = pg.PlotCurveItem(pen=pg.mkPen(CURVE_COLOR, width=3))
        self.curve.setZValue(5)
        self.half = pg.InfiniteLine(pos=0.5, angle=0,
                                    pen=pg.mkPen("#909090", width=1, style=pg.QtCore.Qt.DashLine))
        # What the legend shows for the threshold lines (an InfiniteLine has no sample).
        self.line_sample = pg.PlotDataItem(pen=pg.mkPen(THRESHOLD_COLOR, width=2))
        self.lines = []
        for _ in range(MAX_THRESHOLDS):
            line = pg.InfiniteLine(angle=90, pen=pg.mkPen(THRESHOLD_COLOR, width=2),
                                   label="", labelOpts={"position": 0.75, "color": THRESHOLD_COLOR,
                                                        "fill": pg.mkBrush(255, 255, 255, 210)})
            line.label.setFont(theme.axis_font())
            line.setZValue(6)
            self.lines.append(line)
        self.x_star = []
        self.xs = None
        self._activations = ()
        self._logistic = False
        self._range = (0.0, 1.0)

    def add_to(self, plot, session):
        """Put the items on plot (after it was cleared) for this session's data range."""
        x_min, x_max = session.extent[:2]
        self._range = (x_min, x_max)
        self.xs = curve_xs(x_min, x_max)
        self._activations = session.activations
        self._logistic = is_logistic_regression(session.layer_sizes)
        for item in (self.curve, self.half, *self.lines):
            plot.addItem(item)
        for line in self.lines:
            line.setVisible(False)
        self.curve.setData([], [])
        self.x_star = []

    @property
    def is_logistic_regression(self):
        return self._logistic

    def paint(self, W, b):
        """Draw the model with weights W, b (per layer from layer 1); returns the words
        that say what is drawn, with the numbers."""
        with np.errstate(all="ignore"):
            P = probability_curve(self.xs, W, b, self._activations)[0]
        finite = np.isfinite(P)
        self.curve.setData(self.xs[0, finite], P[finite])
        x_min, x_max = self._range
        self.x_star = thresholds(x_min, x_max, W, b, self._activations)
        shown = [x for x in self.x_star if x_min <= x <= x_max][:MAX_THRESHOLDS]
        for k, line in enumerate(self.lines):
            line.setVisible(k < len(shown))
            if k < len(shown):
                # Visible first: a hidden label does not take a new text.
                line.label.setFormat(f"x* = {signed(shown[k])}")
                line.setValue(shown[k])
                line.label.valueChanged()
        return self._words(W, b, shown)

    def _words(self, W, b, shown):
        if self._logistic:
            head = parameter_words(W, b) + ".  "
            if not self.x_star:
                return head + "β1 = 0: the curve is flat and never crosses 0.5, no threshold."
            x_star = self.x_star[0]
            where = "" if shown else ", outside the data's range"
            return head + f"P = 0.5 at x* = −β0 / β1 = {signed(x_star)}{where}."
        if not self.x_star:
            return "The net's P(y = 1 | x) never crosses 0.5 over the data's range: no threshold."
        values = ", ".join(signed(x) for x in self.x_star)
        more = f" ({len(shown)} drawn)" if len(shown) < len(self.x_star) else ""
        return f"The net's P(y = 1 | x) crosses 0.5 at x* = {values}{more}."
