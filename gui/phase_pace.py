"""The paces of phase play, and the Play speeds slow enough to be shown phase by phase."""
from engine.config import ConfigError

# Phases per second a lecturer can talk over: from one every two seconds to five a second.
PACES = (0.5, 1.0, 2.0, 3.0, 5.0)
DEFAULT_PACE = 1.0
# Play below this many updates a second runs each update as its phases, spread over the
# update's interval, so the stepper and the network diagram can show every one of them.
# From here on the phases would flash past faster than anyone reads them.
PHASES_SHOWN_BELOW = 5.0


def check_phase_pace(phases_per_second):
    """phases_per_second as a float if it is one of PACES; raises ConfigError otherwise."""
    try:
        pace = float(phases_per_second)
    except (TypeError, ValueError):
        pace = None
    if pace not in PACES:
        allowed = ", ".join(f"{p:g}" for p in PACES)
        raise ConfigError(f"the phase pace must be one of {allowed} phases per second, "
                          f"got {phases_per_second!r}")
    return pace


def shows_phases_at(updates_per_second):
    """Whether Play at this speed (0 = unthrottled) is played phase by phase."""
    return 0 < updates_per_second < PHASES_SHOWN_BELOW


def pace_label(phases_per_second):
    """'1 phase/s', '0.5 phases/s'."""
    unit = "phase/s" if phases_per_second == 1 else "phases/s"
    return f"{phases_per_second:g} {unit}"
