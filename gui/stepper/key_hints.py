"""The stepping keys, named as the window binds them."""

NEXT_PHASE = "Shift+→ or ."
REST_OF_UPDATE = "→ or N"
BACK_PHASE = "←"
BACK_UPDATE = "Shift+←"
PLAY = "Space"


def stepping_hint(mid_update):
    """One line naming the keys; mid_update: some phases of the update have run."""
    whole = "the rest of this update" if mid_update else "a whole update"
    return (f"<b>{NEXT_PHASE}</b> next phase · <b>{REST_OF_UPDATE}</b> {whole} · "
            f"<b>{BACK_PHASE}</b> back one phase · <b>{BACK_UPDATE}</b> back one update · "
            f"<b>{PLAY}</b> play")


def playing_note():
    return (f"Training runs many updates a second, too fast to follow the phases. Pause with "
            f"<b>{PLAY}</b>, then press <b>{NEXT_PHASE}</b> to run one phase and see its "
            f"equation and numbers.")


def back_reach(updates_back, phase):
    """How far back one can step from here."""
    if updates_back <= 0 and phase == 0:
        return "Nothing to step back to: this is the start of the run"
    unit = "update" if updates_back == 1 else "updates"
    return f"{BACK_UPDATE} goes back up to {updates_back} {unit}"
