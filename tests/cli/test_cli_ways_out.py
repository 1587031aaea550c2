"""The commands end early in one line on stderr and a non-zero exit, never a traceback:
Ctrl+C, SIGTERM, an output that is full or closed, running out of memory."""
import os
import pty
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LONG_TRAIN = ("train", "--iterations", "1000000000")


def read_until(fd, text, timeout=120):
    """Read the terminal `fd` until `text` has appeared; returns what was read."""
    seen = b""
    end = time.monotonic() + timeout
    while text not in seen:
        assert time.monotonic() < end, f"{text!r} did not appear; got {seen[-300:]!r}"
        seen += os.read(fd, 4096)
    return seen


def read_rest(fd):
    rest = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the other end is closed: all has been read
            return rest
        if not chunk:
            return rest
        rest += chunk


@pytest.mark.parametrize("signum, status, words", [
    (signal.SIGINT, 130, "stopped by Ctrl+C"), (signal.SIGTERM, 143, "stopped by SIGTERM")],
    ids=["SIGINT", "SIGTERM"])
def test_a_signal_while_training_on_a_terminal_ends_in_one_line(signum, status, words):
    """stderr is a terminal, as for a user, so that the progress bar shows; once it has,
    training is surely under way and the signal lands in it."""
    terminal, their_end = pty.openpty()
    process = subprocess.Popen([sys.executable, "main.py", *LONG_TRAIN], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=their_end)
    os.close(their_end)
    try:
        read_until(terminal, b" updates ")   # the progress bar
        process.send_signal(signum)
        out, _ = process.communicate(timeout=60)
        err = read_rest(terminal).decode()
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        os.close(terminal)
    assert process.returncode == status
    assert out == b""
    # The bar wipes itself ("\r" + spaces + "\r"), then the one line.
    last_line = err.rsplit("\r", 2)[-2] if err.endswith("\r\n") else err.rsplit("\r", 1)[-1]
    assert last_line == f"backprop-lab train: {words}", repr(err)
    assert "Traceback" not in err


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_at_any_moment_is_one_line_at_most(signum):
    """However early it lands (while NumPy loads, while the data is made), never a
    traceback; before Python or the command takes a signal over, its default action ends
    the process silently."""
    for delay in (0.2, 0.5, 0.8):
        process = subprocess.Popen([sys.executable, "main.py", *LONG_TRAIN], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)   # not an assertion: any moment must do
        process.send_signal(signum)
        out, err = process.communicate(timeout=60)
        assert process.returncode in (130, 143, -signum), (delay, err)
        assert out == "" and "Traceback" not in err
        assert err.count("\n") <= 1, err


def test_a_full_output_is_one_line_and_exit_1():
    """`backprop-lab train > /dev/full` (before: an OSError traceback at exit)."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "main.py", "train", "--iterations", "10"],
                              cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True,
                              timeout=120, check=False)
    assert done.returncode == 1
    assert done.stderr == ("backprop-lab train: could not write the output: "
                           "No space left on device\n")


def test_a_closed_pipe_is_one_line_and_exit_1():
    """`backprop-lab step ... | head -1`: the reader goes away early."""
    process = subprocess.Popen([sys.executable, "main.py", "step", "--dataset", "digits",
                                "--layers", "auto,64,64,1", "--values", "100000"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert err.decode() == ("backprop-lab step: the output was closed before all of it "
                            "was written\n")


def test_running_out_of_memory_is_one_line_and_exit_1():
    """A model whose activations on 75,000 examples need more memory than the process
    may have: NumPy's MemoryError becomes a message that says what to try."""
    limit = 1 << 30   # 1 GB of address space: enough to start, not for (1024, 75000) arrays

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    done = subprocess.run(
        [sys.executable, "main.py", "train", "--n", "100000", "--layers", "auto,1024,1024,1",
         "--iterations", "1"], cwd=ROOT, env=env, preexec_fn=limit_memory,
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("backprop-lab train: out of memory (Unable to allocate ")
    assert done.stderr.endswith("; try fewer examples or smaller layers\n")
    assert done.stderr.count("\n") == 1
