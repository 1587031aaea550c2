"""Marks along a run's cost curve: where a setting changed (its new value) and where the
cost blew up and training paused. Read from the snapshots, so whatever changed a setting
(a control, a lesson, a key) leaves its mark, at the update from which it applies.

A mark sits at an update number, not on a stored cost, so the folding of old costs
(engine/folded_history.py) never moves or loses one.
"""
from dataclasses import dataclass

LEARNING_RATE, L2, BATCH_SIZE, DIVERGED = "learning rate", "L2", "batch size", "diverged"
MAX_MARKS = 1000   # the oldest go first: a curve with more marks than this reads as none


def setting_text(kind, value):
    """'α = 0.1', 'λ = 0.001', 'batch = 32', 'batch = all'."""
    if kind == LEARNING_RATE:
        return f"α = {value:g}"
    if kind == L2:
        return f"λ = {value:g}"
    return "batch = all" if value == 0 else f"batch = {value:,}"


DIVERGED_TEXT = "diverged, paused"


def divergence_detail(diverged_update, update):
    """The longer story of a divergence mark; update: where training stands after it."""
    if diverged_update > update:
        return (f"The cost blew up after update {diverged_update:,}, so that update was "
                f"undone and training paused")
    if diverged_update == 0:
        return "The cost blew up with the starting weights, and training paused"
    return f"The cost blew up after update {diverged_update:,}, and training paused"


@dataclass(frozen=True)
class CostMark:
    """At `update` (the updates after it use the new setting): kind, what the mark says
    (detail: at more length), and for a setting its value and the value before it."""

    update: int
    kind: str
    text: str
    value: float | None = None
    before: float | None = None
    detail: str = ""


def snapshot_settings(snapshot):
    return {LEARNING_RATE: snapshot.learning_rate, L2: snapshot.l2,
            BATCH_SIZE: snapshot.batch_size}


class CostMarks:
    """The marks of one run, oldest first; `version` changes whenever they do."""

    def __init__(self):
        self.marks = []
        self.version = 0
        self._settings = None    # as the last snapshot had them

    def __len__(self):
        return len(self.marks)

    def see(self, snapshot):
        """Take in a Snapshot (after the history has gone back to its update, if it is
        an earlier one): a mark for each setting it changed, and one for a divergence."""
        settings = snapshot_settings(snapshot)
        if self._settings is not None:
            for kind, value in settings.items():
                if value != self._settings[kind]:
                    self._put_setting(snapshot.update, kind, value, self._settings[kind])
        self._settings = settings
        if snapshot.diverged_update is not None:
            self._add(CostMark(snapshot.update, DIVERGED, DIVERGED_TEXT, detail=divergence_detail(
                snapshot.diverged_update, snapshot.update)))

    def go_back_to(self, update):
        """The run went back to `update` (a step back, or an update undone): a divergence
        after it is gone with the updates it followed; a setting changed after it is
        still in force, so its mark moves back to `update`, where it now applies."""
        if not self.marks or self.marks[-1].update <= update:
            return
        kept = [mark for mark in self.marks if mark.update <= update]
        moved = [mark for mark in self.marks if mark.update > update and mark.kind != DIVERGED]
        self.marks = kept
        for mark in moved:
            self._put_setting(update, mark.kind, mark.value, mark.before)
        self.version += 1

    def _put_setting(self, update, kind, value, before):
        """A mark for `kind` set to `value` at `update`; one already there for the same
        setting is replaced (the value last set there counts), and when the setting ends
        where it was before that update, there is no mark at all."""
        for i in range(len(self.marks) - 1, -1, -1):
            mark = self.marks[i]
            if mark.update < update:
                break
            if mark.kind == kind:
                before = mark.before
                del self.marks[i]
                self.version += 1
                break
        if value != before:
            self._add(CostMark(update, kind, setting_text(kind, value), value, before))

    def _add(self, mark):
        self.marks.append(mark)
        del self.marks[:-MAX_MARKS]
        self.version += 1
