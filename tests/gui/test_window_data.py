"""Data in the whole window: a big file loads while the window stays responsive, and data
the model cannot use never replaces the session that is running."""
import statistics

import numpy as np
import pytest
from on_screen import open_main_window
from PySide6.QtCore import QElapsedTimer, QTimer

WAIT_MS = 60_000
PROBE_MS = 10
# The goal is 100 ms (benchmarks/bench_csv.py measures it); a test on a shared, busy
# machine only checks that the GUI thread never waits for the whole load.
GENEROUS_P99_MS = 1000


@pytest.fixture
def window(qtbot):
    w = open_main_window(qtbot, WAIT_MS)
    yield w
    w.shut_down()


class LatenessProbe:
    """A 10 ms GUI timer that records how late each tick comes, in ms."""

    def __init__(self):
        self.lateness = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._tick)

    def start(self):
        self._clock.start()
        self._timer.start()

    def stop(self):
        self._timer.stop()

    def _tick(self):
        self.lateness.append(max(self._clock.restart() - PROBE_MS, 0))

    def p99(self):
        return statistics.quantiles(self.lateness, n=100, method="inclusive")[98]


def test_a_million_rows_load_off_the_gui_thread(window, qtbot, tmp_path):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(1_000_000, 2)).round(5)
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    path = tmp_path / "million.csv"
    with path.open("w") as out:
        out.write("x1,x2,label\n")
        out.writelines(f"{a},{b},{c}\n" for (a, b), c in zip(X, y))
    before = window.controller.session
    probe = LatenessProbe()
    probe.start()
    dialog = window.data_panel.open_csv(path)
    assert dialog.is_loading()   # open_csv returned at once: the file is read elsewhere
    qtbot.waitUntil(lambda: dialog.progress().isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(dialog.ok_button().isEnabled, timeout=WAIT_MS)
    probe.stop()
    print(f"GUI probe lateness while loading: p99 {probe.p99():.0f} ms, "
          f"max {max(probe.lateness)} ms over {len(probe.lateness)} ticks")
    assert len(probe.lateness) > 20
    assert probe.p99() < GENEROUS_P99_MS
    assert window.controller.session is before
    dataset = dialog.dataset()
    assert dataset.m_train + dataset.m_test == 1_000_000
    assert abs(dataset.m_test - 250_000) <= 1   # 25 % of each class, rounded down
    raw = np.hstack([dataset.X_train, dataset.X_test]) * dataset.std + dataset.mean
    assert np.allclose(np.sort(raw, axis=1), np.sort(X.T, axis=1), rtol=0, atol=1e-9)
    dialog.reject()


def test_a_file_with_too_many_features_keeps_the_session_and_the_panels(window, qtbot,
                                                                        tmp_path):
    path = tmp_path / "wide.csv"
    header = ",".join(f"f{k}" for k in range(9999)) + ",label\n"
    path.write_text(header + "".join(",".join("1" * 1 for _ in range(9999)) + f",{i % 2}\n"
                                     for i in range(6)))
    before = window.controller.session
    summary = window.model_panel.summary()
    dialog = window.data_panel.open_csv(path)
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT_MS)
    assert "9,999 feature columns" in dialog.error_message()
    assert not dialog.ok_button().isEnabled()
    dialog.accept()
    dialog.reject()
    qtbot.wait(300)
    assert window.controller.session is before
    assert window.model_panel.summary() == summary
    assert summary.startswith("2 → ")
    assert not window.banner_bar.isVisible()
    assert window.data_panel.current_dataset().name == "moons"
