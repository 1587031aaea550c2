"""backprop-lab lessons: the list, --check with its measured figures and exit status,
and lesson files of one's own, good, failing and malformed."""
import json

from engine.lessons.library import bundled_lessons
from engine.lessons.reading import lesson_to_dict
from main import main

SHIPPED = bundled_lessons().lessons


def run_main(capsys, *argv):
    code = main(["lessons", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def lesson_file(tmp_path, name, **changes):
    """A copy of the first shipped lesson (its JSON) with top-level fields changed."""
    data = lesson_to_dict(SHIPPED[0])
    data.update(changes)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_list_has_one_line_per_lesson_with_id_and_title(capsys):
    code, out, err = run_main(capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == len(SHIPPED) >= 10
    for line, lesson in zip(lines, SHIPPED):
        assert line.split()[0] == lesson.id
        assert line.endswith(lesson.title)


def test_check_prints_every_lessons_measured_figure_and_exits_0(capsys):
    code, out, err = run_main(capsys, "--check")
    assert code == 0 and err == "", out
    lines = out.splitlines()
    assert [line.split()[:2] for line in lines] == [["ok", lesson.id] for lesson in SHIPPED]
    by_id = {line.split()[1]: line for line in lines}
    assert "test accuracy 48.6% (at most 75.0%)" in by_id["extra-features"]
    assert "test accuracy 98.6% (at least 95.0%)" in by_id["extra-features"]
    assert "divergence guard fired yes" in by_id["learning-rate"]


def test_a_failing_claim_of_ones_own_exits_1(capsys, tmp_path):
    claim = {"runs": [{"name": "short", "updates": 1}],
             "checks": [{"kind": "at_most", "run": "short", "figure": "test_accuracy",
                         "value": 0.1}, {"kind": "at_most", "run": "short",
                                         "figure": "updates", "value": 5}]}
    mine = lesson_file(tmp_path, "mine.json", id="mine", claim=claim)
    code, out, _ = run_main(capsys, "--check", str(mine))
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith("FAILED  mine  FAILED short: test accuracy")
    assert line.endswith("short: updates made 1 (at most 5)")


def test_a_malformed_file_is_one_line_and_a_failure_the_others_still_run(capsys, tmp_path):
    good = lesson_file(tmp_path, "good.json", id="good")
    bad = lesson_file(tmp_path, "bad.json", id="bad", format_version=2)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, out, _ = run_main(capsys, "--check", str(good), str(bad), str(broken))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("ok      good  ")
    assert lines[1] == ("FAILED  bad.json: format_version 2 is not supported; this app "
                        "reads version 1")
    assert lines[2].startswith("FAILED  broken.json: not valid JSON (line 1, column 2:")
    code, out, _ = run_main(capsys, str(good), str(bad))
    assert code == 1
    assert out.splitlines() == [f"good  {SHIPPED[0].title}",
                                ("skipped bad.json: format_version 2 is not supported; "
                                 "this app reads version 1")]


def test_a_missing_file_is_named(capsys, tmp_path):
    code, out, _ = run_main(capsys, "--check", str(tmp_path / "nowhere.json"))
    assert code == 1
    assert out.startswith("FAILED  nowhere.json: cannot be read (No such file or directory)")


def test_a_graph_claim_beyond_the_graphs_range_is_one_line_not_a_traceback(capsys, tmp_path):
    claim = {"runs": [], "checks": [{"kind": "graph_matches_engine", "x": 800, "w": 1}]}
    mine = lesson_file(tmp_path, "m.json", id="m", claim=claim)
    code, out, err = run_main(capsys, "--check", str(mine))
    assert code == 1 and err == ""
    assert out == ("FAILED  m.json: claim.checks[0]: w x + b must be within -300 to 300 "
                   "(here it is 800): beyond, the graph's exp blocks e^z and e^-z would "
                   "overflow\n")
