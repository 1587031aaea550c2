"""A combo box that shows a short label when closed and the full labels in its list."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter

SHORT_ROLE = Qt.ItemDataRole.UserRole + 1


class ShortLabelCombo(QComboBox):
    """Items carry a full label (shown in the open list) and a short one (shown closed).

    Keeps a narrow dock tidy: "leaky ReLU" in the box, "leaky ReLU (slope 0.01 below 0)"
    in the list.
    """

    def add_item(self, label, key, short_label, tooltip=""):
        """Add an item whose data is ``key``, e.g. the engine name "relu"."""
        self.addItem(label, key)
        index = self.count() - 1
        self.setItemData(index, short_label, SHORT_ROLE)
        if tooltip:
            self.setItemData(index, tooltip, Qt.ItemDataRole.ToolTipRole)

    def short_text(self):
        """The short label of the current item."""
        return self.currentData(SHORT_ROLE) or self.currentText()

    def sizeHint(self):
        widest = max((self.fontMetrics().horizontalAdvance(self.itemData(i, SHORT_ROLE) or "")
                      for i in range(self.count())), default=0)
        return self._size_for_text_width(widest)

    def minimumSizeHint(self):
        # In a very narrow dock the box may clip its longest short label; the list does not.
        return self._size_for_text_width(self.fontMetrics().horizontalAdvance("ReLU"))

    def _size_for_text_width(self, width):
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        contents = QSize(width, self.fontMetrics().height())
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, contents, self).expandedTo(
            QSize(0, super().sizeHint().height()))

    def paintEvent(self, _event):
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.short_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
