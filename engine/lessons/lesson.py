"""A lesson as the engine holds it, once read and checked (engine/lessons/reading.py)."""
from dataclasses import dataclass

FORMAT_VERSION = 1

# What a step can ask the window to do, besides changing settings ("set").
STEP_ACTIONS = {
    "play": "train continuously (as Space does)",
    "pause": "stop training",
    "reset": "back to the starting weights (as R does)",
    "step_phase": "run one phase of an update",
    "step_update": "run one whole update",
    "step_epoch": "run to the end of the epoch",
    "step_layout": "the Step layout, the stepper large",
    "train_layout": "the Train layout, every view at once",
    "show_loss_surface": "bring the loss surface view to the front",
    "open_graph": "open the computational graph's window",
}


class LessonError(ValueError):
    """A lesson file that cannot be used; the message is one line naming the problem."""


@dataclass(frozen=True)
class Step:
    """One thing the lecturer can apply: an action (a key of STEP_ACTIONS) or changes to
    the settings ({"model": {"activations": "relu"}}), applied on top of the lesson's
    settings together with the changes of every earlier step."""

    label: str
    action: str | None = None
    changes: dict | None = None


@dataclass(frozen=True)
class Run:
    """A training run of a claim: the lesson's settings with `changes`, trained for
    `updates` updates or `epochs` epochs (exactly one of the two is set)."""

    name: str
    changes: dict
    updates: int | None = None
    epochs: int | None = None


@dataclass(frozen=True)
class Check:
    """One named check (a key of engine.lessons.claims.CHECKS) and its parameters."""

    kind: str
    params: dict


@dataclass(frozen=True)
class Claim:
    runs: tuple
    checks: tuple


@dataclass(frozen=True)
class Lesson:
    """id: short name used on the command line; explanation: paragraphs of text."""

    id: str
    title: str
    explanation: tuple
    settings: object   # engine.lessons.settings.Settings
    steps: tuple
    claim: Claim
    source: str = ""   # the file it came from, for messages

    def settings_after(self, step_index):
        """The settings once the changes of steps 0..step_index have been applied."""
        settings = self.settings
        for step in self.steps[:step_index + 1]:
            if step.changes:
                settings = settings.changed(step.changes)
        return settings
