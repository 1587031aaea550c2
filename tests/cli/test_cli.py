"""The headless commands: train, gradcheck and step, their output and their errors."""
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cli.gradcheck import report
from cli.train import ProgressBar
from engine import backprop
from engine.gradcheck import ArrayCheck
from main import main

REPO_ROOT = Path(__file__).resolve().parents[2]
JSON_KEYS = {"train_cost", "test_cost", "train_accuracy", "test_accuracy", "iterations",
             "epochs", "seconds", "updates_per_second", "diverged"}


def run_main(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_subprocess(*argv):
    return subprocess.run([sys.executable, "main.py", *argv], cwd=REPO_ROOT, check=False,
                          capture_output=True, text=True, timeout=120)


# --- train ------------------------------------------------------------------------

def test_train_json_has_every_key_and_honours_iterations(capsys):
    code, out, _ = run_main(capsys, "train", "--iterations", "37", "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == JSON_KEYS
    assert result["iterations"] == 37
    assert result["epochs"] == 37  # full batch: one update per epoch
    assert 0.0 <= result["test_accuracy"] <= 1.0
    assert result["seconds"] > 0 and result["updates_per_second"] > 0
    assert result["diverged"] is None


def test_train_counts_epochs_of_mini_batches(capsys):
    # moons with n=200 and test ratio 0.25 leaves 150 training examples: 15 batches of 10.
    code, out, _ = run_main(capsys, "train", "--iterations", "45", "--batch-size", "10", "--json")
    assert code == 0
    assert json.loads(out)["epochs"] == 3


def test_train_without_a_test_set_reports_null(capsys):
    code, out, _ = run_main(capsys, "train", "--iterations", "5", "--test-ratio", "0", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["test_cost"] is None and result["test_accuracy"] is None
    assert result["train_cost"] is not None


def test_train_2_8_8_1_tanh_learns_moons(capsys):
    code, out, _ = run_main(capsys, "train", "--dataset", "moons", "--layers", "2,8,8,1",
                            "--activation", "tanh", "--iterations", "2000", "--json")
    assert code == 0
    assert json.loads(out)["test_accuracy"] >= 0.95


def test_train_summary_is_readable(capsys):
    code, out, err = run_main(capsys, "train", "--iterations", "10")
    assert code == 0
    assert "2-8-8-1" in out and "10 updates" in out
    assert "train" in out and "test" in out and "accuracy" in out
    assert err == ""  # no bar: stderr is not a terminal


def test_train_json_through_the_console_entry_point():
    done = run_subprocess("train", "--iterations", "200", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["iterations"] == 200  # stdout is the JSON and nothing else
    assert done.stderr == ""


def test_layers_auto_takes_the_feature_count(capsys):
    code, out, _ = run_main(capsys, "train", "--dataset", "breast_cancer", "--layers", "auto,4,1",
                            "--iterations", "3")
    assert code == 0
    assert "30-4-1" in out


def test_csv_alone_implies_the_csv_data_set(capsys, tmp_path):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 3))
    rows = [f"{a},{b},{c},{'yes' if a + b > 0 else 'no'}" for a, b, c in X]
    path = tmp_path / "points.csv"
    path.write_text("a,b,c,answer\n" + "\n".join(rows) + "\n")
    code, out, err = run_main(capsys, "train", "--csv", str(path), "--label-column", "answer",
                              "--iterations", "20", "--json")
    assert code == 0, err
    assert json.loads(out)["iterations"] == 20


def test_progress_bar_draws_on_a_terminal_and_wipes_itself():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    bar = ProgressBar(100, stream)
    bar.update(10, 0.1)  # too early: short runs print nothing
    assert stream.getvalue() == ""
    bar.update(50, 0.6)
    bar.update(60, 0.65)  # too soon after the last drawing
    bar.update(90, 0.9)
    bar.close()
    text = stream.getvalue()
    assert text.count("\r[") == 2 and "50/100" in text and "90/100" in text
    assert text.endswith("\r") and "\n" not in text


def test_progress_bar_is_silent_off_a_terminal():
    stream = io.StringIO()
    bar = ProgressBar(100, stream)
    bar.update(50, 5.0)
    bar.close()
    assert stream.getvalue() == ""


def test_diverging_training_is_one_line_and_exit_1(capsys):
    code, out, err = run_main(capsys, "train", "--dataset", "breast_cancer", "--layers",
                              "auto,64,64,1", "--activation", "relu", "--init", "he",
                              "--lr", "10", "--iterations", "300")
    assert code == 1
    assert out == ""
    assert err.startswith("backprop-lab train: Training diverged")
    assert err.count("\n") == 1


EXPLODING = ("train", "--layers", "2,16,16,1", "--activation", "linear", "--init", "he",
             "--lr", "3", "--json")


@pytest.mark.parametrize("iterations", ["3", "500"])
def test_divergence_is_reported_at_the_update_that_caused_it_even_the_last(capsys, iterations):
    """Update 3 takes the cost from 223 to about 45,600: caught whether or not it is the
    last update of the run (before, --iterations 3 exited 0 with that cost)."""
    code, out, err = run_main(capsys, *EXPLODING, "--iterations", iterations)
    assert code == 1
    assert "Training diverged at update 3:" in err and "4.56e+04" in err
    result = json.loads(out)  # still one JSON object, as --json promises
    assert result["diverged"]["update"] == 3 and result["diverged"]["cost"] > 4e4
    assert result["iterations"] == 2 and result["train_cost"] < 1e3


def test_the_updates_before_divergence_train_normally(capsys):
    code, out, _ = run_main(capsys, *EXPLODING, "--iterations", "2")
    assert code == 0
    assert json.loads(out)["iterations"] == 2 and json.loads(out)["train_cost"] < 1e3


# --- gradcheck --------------------------------------------------------------------

def test_gradcheck_passes_on_a_healthy_net(capsys):
    code, out, _ = run_main(capsys, "gradcheck", "--updates", "20")
    assert code == 0
    for name in ("W[1]", "b[1]", "W[2]", "b[2]", "W[3]", "b[3]"):
        assert name in out
    assert "FAIL" not in out
    assert out.count("PASS") == 7  # six arrays and the verdict
    assert "every checked array (6 of 6)" in out


def test_gradcheck_fails_when_backprop_is_wrong(capsys, monkeypatch):
    correct = backprop.backward_layer

    def off_by_a_tenth_of_a_percent(cache, l, W, g, lambd):
        correct(cache, l, W, g, lambd)
        if l == 2:
            cache.dW[l] = cache.dW[l] * 1.001

    monkeypatch.setattr(backprop, "backward_layer", off_by_a_tenth_of_a_percent)
    code, out, _ = run_main(capsys, "gradcheck")
    assert code == 1
    failing = [line for line in out.splitlines() if "FAIL" in line]
    assert failing[0].startswith("W[2]")
    assert failing[-1].startswith("FAIL: W[2]")


def test_gradcheck_through_the_console_entry_point():
    done = run_subprocess("gradcheck", "--layers", "auto,3,1", "--activation", "sigmoid")
    assert done.returncode == 0, done.stderr
    assert "PASS" in done.stdout


def test_gradcheck_sample_limits_the_entries_checked(capsys):
    code, out, _ = run_main(capsys, "gradcheck", "--sample", "3")
    assert code == 0
    rows = [line.split() for line in out.splitlines() if line.startswith(("W[", "b["))]
    # array, shape..., checked, max diff, allowed, worst, rel. error, result
    checked = [int(row[-6]) for row in rows]
    assert checked == [3, 3, 3, 3, 3, 1]


def test_gradcheck_report_explains_kink_skips():
    checks = [ArrayCheck("W[1]", (8, 2), 14, 1e-11, 1e-9, 0.01, 1e-10, skipped_kinks=2),
              ArrayCheck("b[1]", (8, 1), 8, 1e-11, 1e-9, 0.01, 1e-10)]
    text = report(checks)
    assert "kink skips" in text and "ReLU" in text
    plain = report([ArrayCheck("b[1]", (8, 1), 8, 1e-11, 1e-9, 0.01, 1e-10)])
    assert "kink" not in plain


def test_gradcheck_report_never_passes_an_array_it_did_not_check():
    checks = [ArrayCheck("W[2]", (3, 2), 6, 1e-11, 1e-9, 0.01, 1e-10),
              ArrayCheck("b[2]", (3, 1), 0, 0.0, 0.0, 0.0, 0.0, skipped_kinks=3)]
    rows = {line.split()[0]: line for line in report(checks).splitlines() if "[" in line[:5]}
    assert "PASS" in rows["W[2]"]
    assert "not checked" in rows["b[2]"] and "PASS" not in rows["b[2]"]
    assert "not checked: b[2]" in report(checks)
    assert "every checked array (1 of 2)" in report(checks)


def test_gradcheck_linear_net_is_no_false_alarm(capsys):
    """The issue's example: small db, relative error above 1e-7 from rounding alone."""
    code, out, _ = run_main(capsys, "gradcheck", "--layers", "2,4,1", "--activation", "linear")
    assert code == 0 and "FAIL" not in out


# --- step -------------------------------------------------------------------------

def test_step_prints_every_phase_of_one_update(capsys):
    code, out, _ = run_main(capsys, "step", "--layers", "2,8,8,1")
    assert code == 0
    headers = [line for line in out.splitlines() if line.startswith("phase ")]
    assert len(headers) == 2 * 3 + 2
    assert headers[0] == "phase 1/8  forward, layer 1"
    assert headers[5] == "phase 6/8  backward, layer 2"
    assert headers[-1] == "phase 8/8  update"
    assert "dZ[3] = A[3] - Y" in out
    assert "Z[1] = W[1] A[0] + b[1]" in out
    assert "    Z = W @ A_prev + b" in out and "    dZ = AL - Y" in out  # the code that ran


def test_step_shows_the_chosen_example_and_k_values(capsys):
    code, out, _ = run_main(capsys, "step", "--updates", "3", "--example", "5", "--values", "2")
    assert code == 0
    z1 = next(line for line in out.splitlines() if line.strip().startswith("Z[1]  "))
    assert "(8, 150)" in z1 and "example 5" in z1
    assert z1.split("[", 2)[2].count(",") == 1  # two values
    assert "update   4 (after 3 updates)" in out


def test_step_example_must_lie_in_the_batch(capsys):
    code, out, err = run_main(capsys, "step", "--batch-size", "10", "--example", "10")
    assert code == 2
    assert out == ""
    assert err.startswith("backprop-lab step: error: --example must be below 10")


# --- bad options ------------------------------------------------------------------

def bad_csv(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b,label\n1,2,0\n3,x,1\n5,6,0\n7,8,1\n")
    return str(path)


def good_csv(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text("a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n")
    return str(path)


BAD_OPTIONS = {
    "unknown dataset": (["--dataset", "nope"], "invalid choice: 'nope'"),
    "lr not a number": (["--lr", "abc"], "learning rate must be a number"),
    "lr too big": (["--lr", "100"], "learning rate must be between"),
    "layers do not fit moons": (["--layers", "3,8,1"], "--layers must start with 2"),
    "layers not numbers": (["--layers", "2,x,1"], "whole numbers"),
    "missing csv": (["--csv", "no/such/file.csv"], "no such file"),
    "non-numeric csv cell": ([bad_csv], "'x' is not a number"),
    "unknown option": (["--bogus"], "unrecognized arguments: --bogus"),
    "csv without a file": (["--dataset", "csv"], "needs --csv FILE"),
    "negative batch size": (["--batch-size", "-1"], "--batch-size"),
    "negative noise": (["--noise", "-0.1"],
                       "argument --noise: must be a finite number from 0 to 1, got -0.1"),
    "too few points": (["--n", "3"], "argument --n: must be from 4 to 100000, got 3"),
    "test ratio of 1": (["--test-ratio", "1"],
                        "argument --test-ratio: must be a finite number at least 0 and below 1"),
    "digit for moons": (["--digit", "3"], "--digit is only for --dataset digits, not --dataset"),
    "points for real data": (["--dataset", "breast_cancer", "--n", "500"],
                             "--n is only for the generated data sets, not --dataset b"),
    "noise for a csv": ([good_csv, "--noise", "0.2"],
                        "--noise is only for the generated data sets, not --dataset csv"),
}


@pytest.mark.parametrize("case", BAD_OPTIONS, ids=list(BAD_OPTIONS))
def test_bad_options_are_one_line_and_exit_2(capsys, tmp_path, case):
    options, expected = BAD_OPTIONS[case]
    if callable(options[0]):
        options = ["--csv", options[0](tmp_path), *options[1:]]
    code, out, err = run_main(capsys, "train", *options)
    assert code == 2
    assert out == ""
    assert err.startswith("backprop-lab train: error: ")
    assert err.count("\n") == 1
    assert expected in err
    assert "Traceback" not in err


def test_breast_cancer_layer_error_names_its_30_features(capsys):
    code, _, err = run_main(capsys, "gradcheck", "--dataset", "breast_cancer", "--layers", "2,1")
    assert code == 2
    assert err.startswith("backprop-lab gradcheck: error: --layers must start with 30")


@pytest.mark.parametrize("options", [["--lr", "abc"], ["--layers", "3,8,1"]])
def test_bad_options_through_the_console_entry_point(options):
    done = run_subprocess("train", *options)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_mistyped_command_names_the_commands(capsys):
    code, _, err = run_main(capsys, "trian")
    assert code == 2
    assert "'train', 'gradcheck', 'step'" in err and err.count("\n") == 1


def test_help_lists_the_commands(capsys):
    code, out, _ = run_main(capsys, "--help")
    assert code == 0
    assert "train" in out and "gradcheck" in out and "step" in out


def test_the_commands_never_import_qt():
    probe = ("import sys, main\n"
             "code = main.main(['train', '--iterations', '5', '--json'])\n"
             "qt = sorted(m for m in sys.modules if m.split('.')[0] in "
             "('PySide6', 'shiboken6', 'pyqtgraph', 'gui'))\n"
             "print(code, qt, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, check=False,
                          capture_output=True, text=True, timeout=120)
    assert done.stderr.strip() == "0 []"


def test_a_closed_pipe_ends_quietly():
    """`backprop-lab step | head -3` must not print a traceback when head exits."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    # Half a megabyte of output: far more than a pipe holds, so writing must fail.
    proc = subprocess.Popen([sys.executable, "main.py", "step", "--dataset", "digits",
                             "--layers", "auto,64,64,1", "--values", "100000"],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
