"""backprop-lab graph: the table, the JSON object, the chain preset and refused values."""
import json
import math

import pytest

from engine.loss_graph import closed_form
from main import main

LOSS_NODES = ["x", "w", "b", "y", "u", "z", "m", "e", "s", "p", "log_p", "y_log_p", "A",
              "e_z", "s_z", "q", "log_q", "one_minus_y", "ybar_log_q", "B", "l"]


def run_main(capsys, *argv):
    code = main(["graph", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_lists_the_nodes_in_forward_order_and_the_three_gradients(capsys):
    code, out, err = run_main(capsys, "--x", "3", "--w", "3", "--b", "0", "--y", "1")
    assert code == 0 and err == ""
    lines = out.splitlines()
    header = next(k for k, line in enumerate(lines) if line.startswith("node"))
    for word in ("operation", "value", "local derivative", "dl/d node"):
        assert word in lines[header]
    names = [line.split()[0] for line in lines[header + 1:header + 1 + len(LOSS_NODES)]]
    assert names == LOSS_NODES
    u_row = lines[header + 1 + LOSS_NODES.index("u")].split()
    assert u_row[1:4] == ["multiply", "shared", "9"]
    loss_line = next(line for line in lines if line.startswith("loss l ="))
    assert float(loss_line.split()[3]) == pytest.approx(math.log(1 + math.exp(-9)), rel=1e-11)
    dw_line = next(line for line in lines if line.startswith("dl/dw"))
    graph, closed, engine = (float(v) for v in dw_line.split()[1:4])
    assert graph == pytest.approx(closed_form(3, 3, 0, 1)["w"], rel=1e-11)
    assert graph == pytest.approx(closed, rel=1e-11) and graph == pytest.approx(engine, rel=1e-9)


def test_json_is_one_object_with_the_nodes_the_loss_and_the_gradients(capsys):
    code, out, _ = run_main(capsys, "--x", "-2", "--w", "0.5", "--b", "1.5", "--y", "0",
                            "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"nodes", "loss", "grads"}
    assert [node["name"] for node in result["nodes"]] == LOSS_NODES
    assert all(set(node) == {"name", "op", "value", "grad"} for node in result["nodes"])
    assert set(result["grads"]) == {"w", "b"}
    dz = 1 / (1 + math.exp(-(0.5 * -2 + 1.5)))  # sigmoid(z) - 0
    assert result["grads"]["b"] == pytest.approx(dz, rel=1e-12)
    assert result["grads"]["w"] == pytest.approx(-2 * dz, rel=1e-12)
    assert result["loss"] == result["nodes"][-1]["value"]


def test_json_stays_finite_at_z_40(capsys):
    code, out, _ = run_main(capsys, "--x", "1", "--w", "40", "--y", "1", "--json")
    assert code == 0
    result = json.loads(out)  # json.loads would accept NaN and Infinity: check them
    numbers = [n[k] for n in result["nodes"] for k in ("value", "grad")]
    assert all(math.isfinite(v) for v in numbers)
    assert result["grads"]["b"] == pytest.approx(-math.exp(-40) / (1 + math.exp(-40)), rel=1e-12)


def test_the_chain_preset_has_its_own_fields(capsys):
    code, out, _ = run_main(capsys, "--chain", "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"nodes", "f", "grads"}
    assert [node["name"] for node in result["nodes"]] == ["x", "w1", "w2", "t", "h", "g", "f"]
    assert set(result["grads"]) == {"x", "w1", "w2"}
    code, out, _ = run_main(capsys, "--chain", "--x", "1", "--w1", "2", "--w2", "-1", "--t", "0")
    assert code == 0
    assert "df/dx" in out and "x = 1, w1 = 2, w2 = -1, t = 0" in out


@pytest.mark.parametrize("argv, words", [
    (["--x", "three"], "--x: must be a number, got 'three'"),
    (["--w", "nan"], "--w: must be a finite number"),
    (["--b", "inf"], "--b: must be a finite number"),
    (["--y", "0.5"], "--y: must be 0 or 1"),
    (["--x", "30", "--w", "11"], "w x + b must be within -300 to 300"),
    (["--chain", "--w", "1"], "--w is only for the loss graph"),
    (["--w1", "1"], "--w1 is only for --chain"),
    (["--chain", "--t", "x"], "--t: must be a number"),
])
def test_bad_values_exit_2_with_one_line(capsys, argv, words):
    code, out, err = run_main(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("backprop-lab graph: error:") and words in err


def test_help_documents_both_presets(capsys):
    code, out, _ = run_main(capsys, "--help")
    assert code == 0
    for words in ("--chain", "--w1", "part A = -y log p", '"f": f', "--dataset"):
        assert (words in out) is (words != "--dataset")
