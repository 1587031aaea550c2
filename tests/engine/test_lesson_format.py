"""The lesson format: written and read back unchanged; every malformed file is one line
that names the file and the problem, and the other files still load."""
import copy
import json
import re

import pytest

from engine.lessons.claims import CHECKS
from engine.lessons.figures import FIGURES
from engine.lessons.lesson import STEP_ACTIONS, LessonError
from engine.lessons.library import bundled_lessons, lessons_from_files, read_lesson
from engine.lessons.reading import lesson_from_dict, lesson_to_dict, lesson_to_text

LIBRARY = bundled_lessons()

GOOD = {
    "format_version": 1,
    "id": "my-lesson",
    "title": "My lesson",
    "explanation": "One paragraph.",
    "data": {"name": "xor", "n": 100},
    "model": {"hidden_sizes": [4], "activations": ["relu"], "init": "he"},
    "training": {"learning_rate": 0.3, "batch_size": 10},
    "steps": [{"label": "Go", "action": "play"},
              {"label": "Tanh", "set": {"model": {"activations": "tanh"}}}],
    "claim": {"updates": 50, "runs": [{"name": "a"}, {"name": "b", "epochs": 2}],
              "checks": [{"kind": "at_least", "run": "a", "figure": "train_accuracy",
                          "value": 0.5},
                         {"kind": "below", "run": "a", "figure": "cost_noise", "other": "b"}]},
}


def with_change(path, value):
    """GOOD with the field at `path` (a tuple of keys and indexes) set, or deleted for
    value DELETE."""
    lesson = copy.deepcopy(GOOD)
    *parents, last = path
    target = lesson
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return lesson


DELETE = object()


@pytest.mark.parametrize("lesson", LIBRARY.lessons, ids=lambda lesson: lesson.id)
def test_every_shipped_lesson_round_trips(lesson):
    text = lesson_to_text(lesson)
    again = lesson_from_dict(json.loads(text), lesson.source)
    assert again == lesson
    assert lesson_to_text(again) == text


def test_a_small_lesson_round_trips_with_its_defaults_filled_in():
    lesson = lesson_from_dict(GOOD)
    written = lesson_to_dict(lesson)
    assert written["data"]["noise"] == 0.1 and written["training"]["l2"] == 0.0
    assert lesson_from_dict(written) == lesson
    assert lesson.settings_after(1).model.activations == "tanh"
    assert lesson.settings_after(0).model.activations == ("relu",)


def test_bundled_lessons_are_read_from_the_package():
    assert len(LIBRARY.lessons) >= 10
    assert all(lesson.source.endswith(".json") for lesson in LIBRARY.lessons)
    assert len({lesson.id for lesson in LIBRARY.lessons}) == len(LIBRARY.lessons)


MALFORMED = [
    (("format_version",), DELETE, "missing field 'format_version'"),
    (("format_version",), 2, "format_version 2 is not supported; this app reads version 1"),
    (("format_version",), "1", 'format_version "1" is not supported'),
    (("title",), DELETE, "missing field 'title'"),
    (("claim",), DELETE, "missing field 'claim'"),
    (("colour",), "red", "unknown field 'colour'; allowed: format_version, id"),
    (("model", "hiden_sizes"), [4], "unknown field 'model.hiden_sizes'; allowed: hidden_sizes"),
    (("model", "hidden_sizes"), DELETE, "missing field 'model.hidden_sizes'"),
    (("data", "name"), "csv", 'data.name: unknown data set "csv"; allowed: blobs'),
    (("data", "noise"), 3, "data.noise must be at least 0 and at most 1, got 3"),
    (("data", "n"), 2.5, "data.n must be a whole number, got 2.5"),
    (("data", "features"), ["x3"], "data.features: unknown extra feature 'x3'"),
    (("model", "activations"), ["relu", "relu"],
     "model: 1 hidden layer(s) need 1 activation(s), got 2"),
    (("model", "init"), "zero", 'model.init: unknown initialisation "zero"; allowed: zeros'),
    (("training", "learning_rate"), 50,
     "training.learning_rate: learning rate must be between 1e-05 and 10, got 50"),
    (("training", "batch_size"), True, "training.batch_size must be a number, got true"),
    (("id",), "My Lesson", 'id "My Lesson" may hold only lower-case letters'),
    (("steps", 0, "action"), "dance", 'steps[0].action: unknown action "dance"; allowed: play'),
    (("steps", 1, "action"), "play", "steps[1] needs exactly one of 'action' and 'set'"),
    (("steps", 1, "set", "model", "init"), "glorot",
     'steps[1].set.model.init: unknown initialisation "glorot"'),
    (("claim", "checks", 0, "kind"), "accuracy",
     'claim.checks[0].kind: unknown claim kind "accuracy"; allowed: at_least, at_most'),
    (("claim", "checks", 0, "figure"), "speed",
     'claim.checks[0].figure: unknown figure "speed"; allowed: train_accuracy'),
    (("claim", "checks", 0, "run"), "c", 'claim.checks[0].run: unknown run "c"; allowed: a, b'),
    (("claim", "checks", 0, "value"), DELETE, "missing field 'claim.checks[0].value'"),
    (("claim", "checks", 0, "margin"), 1, "unknown field 'claim.checks[0].margin'"),
    (("claim", "checks"), [], "claim.checks must be a list of at least one check"),
    (("claim", "updates"), DELETE, "claim.runs[0] needs 'updates' or 'epochs'"),
    (("claim", "runs", 1, "name"), "a", "claim.runs: two runs have the same name"),
    (("claim", "checks", 1, "other"), "a",
     ('claim.checks[1]: run and other are both "a"; a run compared with itself proves '
      'nothing, name another run')),
    (("claim", "checks", 1), {"kind": "graph_matches_engine", "x": 800, "w": 1},
     "claim.checks[1]: w x + b must be within -300 to 300 (here it is 800)"),
]


@pytest.mark.parametrize("path, value, message", MALFORMED,
                         ids=[".".join(map(str, case[0])) for case in MALFORMED])
def test_each_malformed_case_is_one_line_naming_the_file_and_problem(path, value, message):
    data = json.dumps(with_change(path, value)).encode()
    with pytest.raises(LessonError) as caught:
        read_lesson("mine.json", lambda: data)
    text = str(caught.value)
    assert text.startswith(f"mine.json: {message}"), text
    assert "\n" not in text


@pytest.mark.parametrize("data, message", [
    (b'{"format_version": 1,\n "id": "x",,}', "mine.json: not valid JSON (line 2, column 12: Expecting property name"),
    (b"[1, 2]", "mine.json: a lesson must be a JSON object {...}, got a list"),
    (b"\xff\xfe{}", "mine.json: is not UTF-8 text"),
])
def test_a_file_that_is_no_lesson_at_all(data, message):
    with pytest.raises(LessonError, match=None) as caught:
        read_lesson("mine.json", lambda: data)
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_bad_file_is_skipped_and_the_others_load(tmp_path):
    good, bad, twin = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    good.write_text(json.dumps(GOOD))
    bad.write_text(json.dumps(with_change(("claim", "checks", 0, "kind"), "guess")))
    twin.write_text(json.dumps(GOOD))
    library = lessons_from_files([good, bad, twin, tmp_path / "missing.json"])
    assert [lesson.id for lesson in library.lessons] == ["my-lesson"]
    assert library.problems[0].startswith('b.json: claim.checks[0].kind: unknown claim kind')
    assert library.problems[1] == "c.json: id 'my-lesson' is already used by a.json"
    assert library.problems[2].startswith("missing.json: cannot be read")


def test_the_format_notes_name_every_check_figure_and_action():
    """FORMAT.md is the lecturer's reference: it must not fall behind the code."""
    from importlib.resources import files
    notes = (files("resources") / "lessons" / "FORMAT.md").read_text(encoding="utf-8")
    for name in (*CHECKS, *FIGURES, *STEP_ACTIONS):
        assert f"`{name}`" in notes, name


def test_the_lessons_name_colours_as_the_app_does():
    """Positive weights and the loss surface's step are vermillion, which the app's words
    call orange (gui/plots/diagram_words.py); no lesson may send the class looking for red."""
    words = {lesson.id: " ".join(lesson.explanation).lower() for lesson in LIBRARY.lessons}
    assert not [i for i, text in words.items() if re.search(r"\bred\b", text)]
    assert "orange pixels push the unit up" in words["digits"]
    assert "the orange arrow is the next step" in words["one-neuron"]
