"""The step-through view: the phase just run (or one clicked in the strip), its equation
in the seeds' notation, every array it read and wrote, and the code that ran it.

Made to be the largest thing on screen and to work in a small dock as well: everything
sits in one scrolling column whose tiles wrap to the width there is.
"""
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from engine.phases import BACKWARD, phase_specs
from gui.view import View

from .code_view import CodeView
from .derivation_html import derivation_html
from .equation_html import equation_html, math_html
from .example_picker import ExamplePicker
from .flow_layout import FlowLayout
from .key_hints import back_reach, phase_play_hint, playing_note, stepping_hint
from .learner_notes import learner_note
from .phase_strip import PhaseStrip, strip_states
from .tile_set import make_tiles

WIDE = 1000        # viewport pixels from which the tiles are drawn larger
WIDE_ZOOM = 1.35


TEXT_SCALE_WIDE = 1.2   # text size, from WIDE_TEXT pixels across (a projector, a big screen)
WIDE_TEXT = 1500


def wrapped_label(point_scale=1.0, bold=False):
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.RichText)
    label.setProperty("point_scale", point_scale)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * point_scale)
    font.setBold(bold)
    label.setFont(font)
    return label


def last_record(snapshot):
    """The record of the last phase run: the snapshot's, or, for a snapshot sent for
    another reason (a new learning rate, a pause), the last of the update's records."""
    if snapshot.last_phase is not None:
        return snapshot.last_phase
    return snapshot.phase_records[-1] if snapshot.phase_records else None


class StepView(QWidget, View):
    """example_requested(i): the user asked to follow training example i."""

    example_requested = Signal(int)
    sizes_own_text = True   # gui/zoom_styler.py leaves its labels' fonts to it

    def __init__(self, parent=None):
        super().__init__(parent)
        self._session = None
        self._specs = ()
        self._snapshot = None
        self._viewed = None      # index of a done phase clicked in the strip
        self._shown = None
        self._zoom = self._zoom_wanted = 1.0
        self._text_scale = 1.0
        self._tile_width = 0
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(120)
        self._resize_timer.timeout.connect(self._fit_to_width)
        self.tiles = {}
        self._sections = []

        self.header = wrapped_label(1.25, bold=True)
        self.picker = ExamplePicker()
        self.picker.example_requested.connect(self.example_requested)
        self.strip = PhaseStrip()
        self.strip.phase_clicked.connect(self.show_phase)
        self.reach = wrapped_label(0.9)
        self.equation = wrapped_label(1.45)
        serif = QFont(self.equation.font())
        serif.setFamilies(["DejaVu Serif", "Times New Roman", "serif"])
        self.equation.setFont(serif)
        self.equation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.equation.setStyleSheet("QLabel { background: #fbfbf8; border-left: 4px solid "
                                    "#b35806; padding: 6px 10px; }")
        self.note = wrapped_label(1.05)
        self.hint = wrapped_label(0.9)
        self.hint.setStyleSheet("QLabel { color: #333; }")
        self.tile_area = QWidget()
        self._tile_layout = QVBoxLayout(self.tile_area)
        self._tile_layout.setContentsMargins(0, 0, 0, 0)
        self.derivation = wrapped_label(1.05)
        self.derivation.setStyleSheet("QLabel { background: #f2f6fb; padding: 6px; }")
        self.derivation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.code = CodeView()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(8)
        for widget in (self.header, self.picker, self.strip, self.reach, self.equation,
                       self.note, self.hint, self.derivation, self.tile_area, self.code):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.header.setText("Step through one phase at a time with Shift+→ or .")

    # --- the View contract ----------------------------------------------------------

    def set_session(self, session):
        self._session = session
        self._specs = phase_specs(session.activations)
        self.strip.set_specs(self._specs)
        self.picker.set_example_count(session.X_train.shape[1])
        self._snapshot = None
        self._viewed = None
        self._shown = None
        self._clear_tiles()

    def show_snapshot(self, snapshot, history):
        if not snapshot.shows_phases:
            key = ("playing", snapshot.example_index)
        else:
            key = (snapshot.update, snapshot.phase, id(last_record(snapshot)),
                   snapshot.example_index, snapshot.updates_back, len(snapshot.phase_records))
        if key == self._shown or self._session is None:
            return False
        self._shown = key
        self._snapshot = snapshot
        self._viewed = None
        self._render()
        return True

    # --- what is shown --------------------------------------------------------------

    def shown_record(self):
        """The PhaseRecord on screen, or None (the next phase's equation only)."""
        snapshot = self._snapshot
        if snapshot is None or not snapshot.shows_phases:
            return None
        if self._viewed is not None:
            for record in snapshot.phase_records:
                if record.spec.index == self._viewed:
                    return record
        return last_record(snapshot)

    def show_phase(self, index):
        """Show the record of done phase `index` of the current update again."""
        if self._snapshot is None:
            return
        last = last_record(self._snapshot)
        self._viewed = None if last is not None and last.spec.index == index else index
        self._render()

    def header_text(self):
        return self.header.text()

    def _available_width(self):
        """Pixels a tile may take across: the view less its scroll bar and margins."""
        return max(self.width() - 50, 150)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        # Tiles are drawn for a width; redraw them (once the resizing settles) when the
        # width changed enough to make them too wide or leave much room unused.
        self._zoom_wanted = WIDE_ZOOM if self.width() >= WIDE else 1.0
        wide_text = TEXT_SCALE_WIDE if self.width() >= WIDE_TEXT else 1.0
        if abs(self._available_width() - self._tile_width) > 30 or \
                self._zoom_wanted != self._zoom or wide_text != self._text_scale:
            self._resize_timer.start()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:   # zoomed: size the text again
            self._text_scale = None
            self._scale_text()

    def _fit_to_width(self):
        self._zoom = self._zoom_wanted
        if self._snapshot is not None and self._snapshot.shows_phases:
            self._render()

    def _scale_text(self):
        """Larger text on a wide view, so that a class at the back can read it."""
        scale = TEXT_SCALE_WIDE if self.width() >= WIDE_TEXT else 1.0
        if scale == self._text_scale:
            return
        self._text_scale = scale
        base = self.font().pointSizeF()
        for label in (self.header, self.reach, self.equation, self.note, self.hint,
                      self.derivation):
            font = QFont(label.font())
            font.setPointSizeF(base * label.property("point_scale") * scale)
            label.setFont(font)
        for widget in (self.picker, self.strip):
            font = QFont(widget.font())
            font.setPointSizeF(base * scale)
            widget.setFont(font)

    def _render(self):
        self._zoom = self._zoom_wanted
        self._scale_text()
        snapshot = self._snapshot
        playing = not snapshot.shows_phases
        for widget in (self.strip, self.reach, self.equation, self.tile_area, self.code):
            widget.setVisible(not playing)
        self.derivation.setVisible(False)
        self._show_example(snapshot)
        if playing:
            self.header.setText("Training…")
            self.note.setText(playing_note())
            self.hint.setText("")
            self._clear_tiles()
            return
        record = self.shown_record()
        self._show_strip(snapshot, record)
        self.reach.setText(back_reach(snapshot.updates_back, snapshot.phase))
        self.hint.setText(phase_play_hint(snapshot.phase_pace) if snapshot.playing
                          else stepping_hint(snapshot.phase > 0))
        spec = record.spec if record is not None else self._specs[snapshot.phase]
        self.header.setText(self._header(snapshot, record))
        self.equation.setText(equation_html(spec.equation))
        self.note.setText(math_html(learner_note(spec, len(self._specs) // 2 - 1,
                                                 snapshot.l2)))
        self.code.show_code(spec.code)
        self._clear_tiles()
        if record is None:
            self._add_section("Run this phase (Shift+→ or .) to see the numbers it reads "
                              "and writes.", [])
            return
        column = record.column_of(snapshot.example_index)
        self._tile_width = self._available_width()
        for title, tiles in make_tiles(record, column, self._zoom, self._tile_width):
            self._add_section(title, tiles)
        L = len(self._specs) // 2 - 1
        if record.kind == BACKWARD and record.layer == L:
            self.derivation.setVisible(True)
            if column is None:
                self.derivation.setText(
                    f"The seeds' per-example derivation needs the followed example in the "
                    f"batch; example #{snapshot.example_index} is not in it.")
            else:
                self.derivation.setText(derivation_html(record, column,
                                                        snapshot.example_index))

    def _header(self, snapshot, record):
        P = len(self._specs)
        if record is None:
            spec = self._specs[snapshot.phase]
            return (f"Update {snapshot.update + 1:,} · next: phase {spec.index + 1} of {P} — "
                    f"{spec.title}")
        text = (f"Update {record.update + 1:,} · phase {record.spec.index + 1} of {P} — "
                f"{record.spec.title}")
        last = last_record(snapshot)
        if last is not None and record is not last:
            return (text + f" · shown again (the last phase run is phase "
                           f"{last.spec.index + 1}, {last.spec.title})")
        if snapshot.phase > 0:
            return text + f" · next: {self._specs[snapshot.phase].title}"
        return text + f" · next: {self._specs[0].title} of update {snapshot.update + 1:,}"

    def _show_strip(self, snapshot, record):
        done = [r.spec.index for r in snapshot.phase_records]
        mid_or_start = snapshot.phase > 0 or not done
        next_index = snapshot.phase if mid_or_start else None
        last = last_record(snapshot)
        current = last.spec.index if last is not None else None
        viewed = record.spec.index if record is not None else None
        self.strip.set_states(strip_states(len(self._specs), done, current, next_index),
                              viewed)

    def _show_example(self, snapshot):
        session = self._session
        index = snapshot.example_index
        self.picker.show_example(index, session.Y_train[0, index])
        record = self.shown_record()
        if record is not None:
            column = record.column_of(index)
            first, size = int(record.examples[0]), record.m
        else:
            column, first = snapshot.example_column, snapshot.batch_first_example
            size = snapshot.batch_size or None
        self.picker.set_absent(None if column is not None or not snapshot.shows_phases
                               else first,
                               size)

    # --- tiles ------------------------------------------------------------------------

    def _clear_tiles(self):
        self.tiles = {}
        for widget in self._sections:
            widget.setParent(None)
            widget.deleteLater()
        self._sections = []

    def _add_section(self, title, tiles):
        heading = wrapped_label(1.0, bold=True)
        heading.setText(title)
        self._tile_layout.addWidget(heading)
        self._sections.append(heading)
        if not tiles:
            return
        box = QWidget()
        flow = FlowLayout(box, spacing=10)
        flow.setContentsMargins(0, 0, 0, 0)
        for tile in tiles:
            flow.addWidget(tile)
            self.tiles[tile.name] = tile
        self._tile_layout.addWidget(box)
        self._sections.append(box)
