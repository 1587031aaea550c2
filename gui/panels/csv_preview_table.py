"""The CSV dialog's preview: the first rows of a file as text, the label column in bold."""

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from engine.memory import format_bytes

MAX_PREVIEW_COLUMNS = 40    # a wider file shows its first 39 columns and its last one


def shown_columns(n_cols):
    """Indices of the columns the preview table shows."""
    if n_cols <= MAX_PREVIEW_COLUMNS:
        return list(range(n_cols))
    return [*range(MAX_PREVIEW_COLUMNS - 1), n_cols - 1]


def describe_preview(preview):
    """What the preview shows of the file: its columns, and whether it is only a part."""
    shown = shown_columns(preview.n_cols)
    header = "with a header row" if preview.has_header else "no header row"
    text = f"{preview.n_cols:,} columns ({header})"
    if len(shown) < preview.n_cols:
        text += (f"; the table shows {len(shown)} of them: the first {len(shown) - 1} "
                 "and the last")
    else:
        text += ": " + ", ".join(preview.columns)
    if not preview.whole_file:
        size = f" of {format_bytes(preview.size)}" if preview.size else ""
        text += (f". Preview of the first {len(preview.rows)} rows only "
                 f"({format_bytes(preview.bytes_read)}{size}); the whole file is read "
                 "when it loads")
    return text


class CsvPreviewTable(QTableWidget):
    """A read-only table of a CsvPeek (engine.csv_peek), rows numbered as in the file."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._shown = []   # the file's column index of each table column
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setToolTip("The first rows of the file, as text, before any checking; "
                        "rows are numbered as in the file, the label column is bold.")

    def show_preview(self, preview):
        """Show ``preview``, or nothing for None."""
        self.clear()
        if preview is None:
            self._shown = []
            self.setRowCount(0)
            self.setColumnCount(0)
            return
        self._shown = shown_columns(preview.n_cols)
        self.setColumnCount(len(self._shown))
        self.setRowCount(len(preview.rows))
        self.setHorizontalHeaderLabels([preview.columns[k] for k in self._shown])
        # Number rows as the file does, so "row 7" in an error points at row 7 here.
        self.setVerticalHeaderLabels([str(n) for n in preview.row_numbers])
        for i, cells in enumerate(preview.rows):
            for j, k in enumerate(self._shown):
                if k < len(cells):
                    self.setItem(i, j, QTableWidgetItem(cells[k]))
        self.resizeColumnsToContents()

    def mark_label_column(self, label_column):
        """Bold the header of the file's column ``label_column`` if the table shows it."""
        for j, k in enumerate(self._shown):
            item = self.horizontalHeaderItem(j)
            if item is not None:
                font = item.font()
                font.setBold(k == label_column)
                item.setFont(font)
