"""`train --dataset line`: logistic regression on one feature from the command line, the
default network on it, and a first layer size that does not match being refused."""
import json

import pytest

from main import main


def run_main(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("layers", ["1,1", "auto,1", "auto,8,8,1"])
def test_train_on_line_learns_most_but_not_all_of_it(capsys, layers):
    code, out, _ = run_main(capsys, "train", "--dataset", "line", "--layers", layers,
                            "--iterations", "400", "--json")
    assert code == 0
    result = json.loads(out)
    assert 0.8 <= result["train_accuracy"] <= 0.97
    assert result["train_cost"] < 0.45


def test_the_default_layers_work_on_line_and_say_one_feature(capsys):
    code, out, _ = run_main(capsys, "train", "--dataset", "line", "--iterations", "50")
    assert code == 0
    assert "1 feature\n" in out and "network  1-8-8-1" in out


def test_two_inputs_for_one_feature_are_refused_in_one_line(capsys):
    code, _, err = run_main(capsys, "train", "--dataset", "line", "--layers", "2,1")
    assert code == 2
    assert "--layers must start with 1, the number of features of line" in err
    assert len(err.strip().splitlines()) == 1
