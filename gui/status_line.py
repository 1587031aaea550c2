"""The one-line summary in the status bar."""
import math

from .phase_pace import pace_label


def _number(x, fmt):
    return "–" if x is None or not math.isfinite(x) else format(x, fmt)


def format_status(snapshot, progress=None):
    """'update 120 · epoch 120 · cost 0.2315 · train 94.0% · test 92.0% · 5,300 updates/s';
    while a long command runs (progress: an unfinished CommandProgress), its progress
    and how to stop it instead of the speed."""
    m = snapshot.metrics
    parts = [
        f"update {snapshot.update:,}",
        f"epoch {snapshot.epoch:,}",
        f"cost {_number(m.train_cost, '.4f')}",
        f"train {_number(m.train_accuracy * 100, '.1f')}%",
        f"test {_number(m.test_accuracy * 100, '.1f')}%",
    ]
    if progress is not None and not progress.finished:
        parts.append(f"{progress.describe()}, Space or Esc stops")
    elif snapshot.playing and snapshot.phase_pace:
        parts.append(f"playing phases, {pace_label(snapshot.phase_pace)}")
    elif snapshot.playing:
        rate = snapshot.updates_per_second
        parts.append(f"{rate:,.0f} update{'' if round(rate) == 1 else 's'}/s")
    else:
        parts.append("paused")
    return "  ·  ".join(parts)
