"""A parameter the update phase changed: its values before and after, and the change."""
import numpy as np
from PySide6.QtWidgets import QFrame, QGridLayout

from .array_tile import small_label, tile_frame, title_html
from .color_scale import ColorScale
from .diverging_colors import symmetric_scale
from .equation_html import symbol_html
from .heatmap import Heatmap
from .number_format import short_number

BAR_WIDTH = 120   # the narrowest colour key that still shows its three labels


class ChangeTile(QFrame):
    """old -> new, both on one colour scale so they can be compared, and new - old
    (= -alpha dW) on its own scale, since it is much smaller. The three sit side by side
    when they fit in `width` pixels, else one under another."""

    def __init__(self, name, old, new, zoom=1.0, learning_rate=None, width=520):
        super().__init__()
        self.name = name
        self.old, self.new = np.asarray(old), np.asarray(new)
        self.change = self.new - self.old
        layout = tile_frame(self)
        layout.addWidget(small_label(title_html(name, self.new, "changed by the step"), 1.0))
        shared = symmetric_scale(self.old, self.new)
        self.before, self.after, self.delta = (Heatmap(zoom=zoom, max_width=width - 20)
                                               for _ in range(3))
        self.before.set_array(self.old, shared)
        self.after.set_array(self.new, shared)
        change_scale = symmetric_scale(self.change)
        self.delta.set_array(self.change, change_scale)
        grad = "d" + name
        step = f"−α {symbol_html(grad)}"
        if learning_rate is not None:
            step = f"−{learning_rate:g} {symbol_html(grad)}"
        heads = ("before", "→ after", f"change = {step}")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        wide = 3 * (max(self.before.width(), BAR_WIDTH) + 10) + 20 > width
        maps = (self.before, self.after, self.delta)
        scales = (shared, shared, change_scale)
        values = (self.old, self.new, self.change)
        for k, (head, heatmap, scale, v) in enumerate(zip(heads, maps, scales, values)):
            row, col = (3 * k, 0) if wide else (0, k)
            grid.addWidget(small_label(head, 0.9), row, col)
            grid.addWidget(heatmap, row + 1, col)
            bar = ColorScale()
            bar.set_range(scale, float(np.min(v)), float(np.max(v)))
            bar.setFixedWidth(max(heatmap.width(), BAR_WIDTH))
            small = bar.font()
            small.setPointSizeF(small.pointSizeF() * 0.85)
            bar.setFont(small)
            grid.addWidget(bar, row + 2, col)
        layout.addLayout(grid)
        largest = float(np.abs(self.change).max()) if self.change.size else 0.0
        layout.addWidget(small_label(f"largest change {short_number(largest)}", 0.85))
