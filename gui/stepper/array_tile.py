"""A labelled tile for one array a phase read or wrote: name, shape, heatmap, colour key,
and the followed example's column."""
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from .color_scale import ColorScale
from .diverging_colors import display_scale
from .equation_html import symbol_html
from .heatmap import Heatmap
from .number_format import full_number, shape_symbols_html, shape_text, short_number

TILE_STYLE = ("QFrame#tile { background: white; border: 1px solid #c8c8c8;"
              " border-radius: 4px; }")
# Columns of one example's values listed under a heatmap too wide for numbers.
LIST_UP_TO = 8


def small_label(text="", point_scale=0.9):
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * point_scale)
    label.setFont(font)
    label.setTextFormat(Qt.RichText)
    return label


def tile_frame(tile):
    """The framed box filling `tile` (a QFrame) and the layout to fill it with."""
    outer = QVBoxLayout(tile)
    outer.setContentsMargins(0, 0, 0, 0)
    frame = QFrame()
    outer.addWidget(frame)
    frame.setObjectName("tile")
    frame.setStyleSheet(TILE_STYLE)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(8, 6, 8, 6)
    layout.setSpacing(4)
    return layout


def title_html(name, a, note=""):
    """'<b>A<sup>[1]</sup></b> (4, 60) = (n<sup>[1]</sup>, m)'."""
    symbols = shape_symbols_html(name)
    shape = shape_text(a)
    text = f"<b style='font-size:115%'>{symbol_html(name)}</b>&nbsp; {shape}"
    if symbols and symbols != shape:
        text += f" = {symbols}"
    return text + (f"&nbsp; <span style='color:#555'>{note}</span>" if note else "")


class ArrayTile(QFrame):
    """One array. column: the followed example's column to outline (arrays with one
    column per example), or None; examples: the example number of each column."""

    def __init__(self, name, values, column=None, examples=None, zoom=1.0, note="",
                 max_width=400):
        super().__init__()
        self.name = name
        self.values = np.asarray(values)
        layout = tile_frame(self)
        self.title = small_label(title_html(name, self.values, note), 1.0)
        layout.addWidget(self.title)
        self.heatmap = Heatmap(zoom=zoom, max_width=max_width - 20)
        scale, clipped = display_scale(self.values)
        self.heatmap.set_array(self.values, scale, column,
                               examples if self.values.ndim == 2 else None)
        layout.addWidget(self.heatmap)
        self.scale_bar = ColorScale()
        finite = self.values[np.isfinite(self.values)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
        self.scale_bar.set_range(scale, low, high, clipped)
        self.scale_bar.setFixedWidth(max(self.heatmap.width(), min(130, max_width - 20)))
        small = self.scale_bar.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.scale_bar.setFont(small)
        layout.addWidget(self.scale_bar)
        lines = [f"min {short_number(low)} · max {short_number(high)}"
                 + (" (colours stop at the 99.5th percentile)" if clipped else "")]
        self.column = column
        if column is not None:
            who = f"example #{int(examples[column])}" if examples is not None else ""
            lines.append(f"outlined: column {column}" + (f" = {who}" if who else ""))
            if self.heatmap.number_texts() is None and self.values.shape[0] <= LIST_UP_TO:
                numbers = ", ".join(full_number(v) for v in self.values[:, column])
                lines.append(f"its values: [{numbers}]")
        self.caption = small_label("<br>".join(lines), 0.85)
        self.caption.setWordWrap(True)
        self.caption.setMaximumWidth(max(self.heatmap.width(), min(220, max_width - 20)))
        layout.addWidget(self.caption)


class ScalarTile(QFrame):
    """A 0-d array (the cost J) as one big number."""

    def __init__(self, name, value, note=""):
        super().__init__()
        self.name = name
        self.values = np.asarray(value)
        layout = tile_frame(self)
        self.title = small_label(f"<b style='font-size:115%'>{symbol_html(name)}</b>&nbsp; "
                                 f"scalar", 1.0)
        layout.addWidget(self.title)
        self.number = QLabel(full_number(float(self.values)))
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.number)
        if note:
            caption = small_label(note, 0.85)
            caption.setWordWrap(True)
            caption.setMaximumWidth(260)
            layout.addWidget(caption)
