"""`train --features`: extra inputs made from x1 and x2 on the command line."""
import json

from main import main


def run_main(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_squares_let_logistic_regression_learn_the_circles(capsys):
    common = ("train", "--dataset", "circles", "--layers", "auto,1", "--iterations", "1000",
              "--json")
    _, plain, _ = run_main(capsys, *common)
    code, rich, _ = run_main(capsys, *common, "--features", "x1_squared,x2_squared")
    assert code == 0
    assert json.loads(plain)["test_accuracy"] <= 0.75
    assert json.loads(rich)["test_accuracy"] >= 0.95


def test_features_for_data_without_two_inputs_are_refused_in_one_line(capsys):
    code, _, err = run_main(capsys, "train", "--dataset", "breast_cancer",
                            "--features", "x1_squared")
    assert code == 2
    assert "extra features are made from two inputs (x1, x2); breast_cancer has 30" in err
    assert len(err.strip().splitlines()) == 1


def test_an_unknown_feature_names_the_ones_allowed(capsys):
    code, _, err = run_main(capsys, "train", "--dataset", "xor", "--features", "cos_x1")
    assert code == 2
    assert "unknown extra feature 'cos_x1'; allowed: x1_squared, x2_squared" in err
