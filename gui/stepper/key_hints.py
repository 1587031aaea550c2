"""The stepping keys, named as the window binds them."""

NEXT_PHASE = "Shift+→ or ."
REST_OF_UPDATE = "→ or N"
BACK_PHASE = "←"
BACK_UPDATE = "Shift+←"
PLAY = "Space"
PLAY_PHASES = "P"


def stepping_hint(mid_update):
    """One line naming the keys; mid_update: some phases of the update have run."""
    whole = "the rest of this update" if mid_update else "a whole update"
    return (f"<b>{NEXT_PHASE}</b> next phase · <b>{REST_OF_UPDATE}</b> {whole} · "
            f"<b>{BACK_PHASE}</b> back one phase · <b>{BACK_UPDATE}</b> back one update · "
            f"<b>{PLAY}</b> play")


def playing_note():
    return (f"Training runs many updates a second, too fast to follow the phases. Pause with "
            f"<b>{PLAY}</b>, then press <b>{NEXT_PHASE}</b> to run one phase and see its "
            f"equation and numbers, or <b>{PLAY_PHASES}</b> to play them one by one.")


def phase_play_hint(phase_pace):
    """The line under the equation while phases play by themselves; phase_pace: phases
    per second of phase play, 0 for Play at a lecture speed."""
    if phase_pace:
        pace = f"{phase_pace:g} phase{'' if phase_pace == 1 else 's'} a second"
        return (f"Playing one phase at a time, {pace} · <b>{PLAY}</b> or "
                f"<b>{PLAY_PHASES}</b> pauses · <b>{NEXT_PHASE}</b> pauses and steps")
    return (f"Playing slowly enough to show every phase · <b>{PLAY}</b> pauses · "
            f"<b>{PLAY_PHASES}</b> plays phases at the phase pace")


def back_reach(updates_back, phase):
    """How far back one can step from here."""
    if updates_back <= 0 and phase == 0:
        return "Nothing to step back to: this is the start of the run"
    unit = "update" if updates_back == 1 else "updates"
    return f"{BACK_UPDATE} goes back up to {updates_back} {unit}"
