"""Reading a lesson file (JSON, format version 1) into a Lesson, every field checked, and
writing a Lesson back as the same JSON. Each problem is one LessonError naming the field
and saying what is allowed; resources/lessons/FORMAT.md describes the format."""
import json
import math
import re
from dataclasses import fields

from engine.activations import HIDDEN_ACTIVATIONS
from engine.config import (
    MAX_LAYERS,
    MAX_UNITS,
    ConfigError,
    check_batch_size,
    check_l2,
    check_learning_rate,
    make_model_config,
)
from engine.dataset import DATASET_NAMES
from engine.errors import DatasetError
from engine.initialisers import INITIALISERS
from engine.input_features import check_feature_keys
from engine.loss_graph import GraphInputError, check_inputs
from engine.synthetic import MAX_NOISE, MAX_POINTS, MIN_POINTS

from .claims import CHECKS
from .figures import FIGURES
from .lesson import FORMAT_VERSION, STEP_ACTIONS, Check, Claim, Lesson, LessonError, Run, Step
from .settings import PARTS, Settings, field_names, required_names

LESSON_DATASETS = tuple(name for name in DATASET_NAMES if name != "csv")
MAX_SEED = 2**31 - 1
MAX_TEST_RATIO = 0.9
MAX_UPDATES = 1_000_000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TOP_FIELDS = ("format_version", "id", "title", "explanation", "data", "model", "training",
              "steps", "claim")
TOP_REQUIRED = ("format_version", "id", "title", "explanation", "data", "model",
                "training", "claim")


# --- small checks, each naming the field --------------------------------------------

def _object(value, where, allowed, required=()):
    if not isinstance(value, dict):
        raise LessonError(f"{where} must be an object {{...}}, got {_kind(value)}")
    for key in value:
        if key not in allowed:
            raise LessonError(f"unknown field '{_join(where, key)}'; allowed: "
                              f"{', '.join(allowed)}")
    for key in required:
        if key not in value:
            raise LessonError(f"missing field '{_join(where, key)}'")
    return value


def _join(where, key):
    return f"{where}.{key}" if where else key


def _kind(value):
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(value), "a number")


def _text(value, where):
    if not isinstance(value, str) or not value.strip():
        raise LessonError(f"{where} must be non-empty text, got {_kind(value)}")
    return value.strip()


def _whole(value, where, low, high):
    if isinstance(value, bool) or not isinstance(value, int):
        raise LessonError(f"{where} must be a whole number, got {json.dumps(value)}")
    if not low <= value <= high:
        raise LessonError(f"{where} must be from {low:,} to {high:,}, got {value:,}")
    return value


def _number(value, where, low=-math.inf, high=math.inf, high_open=False):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise LessonError(f"{where} must be a finite number, got {json.dumps(value)}")
    if value < low or value > high or (high_open and value == high):
        upper = f"below {high:g}" if high_open else f"at most {high:g}"
        raise LessonError(f"{where} must be at least {low:g} and {upper}, got {value:g}")
    return float(value)


def _engine_check(check, value, where):
    try:
        return check(value)
    except (ConfigError, DatasetError) as error:
        raise LessonError(f"{where}: {error}") from None


def _choice(value, where, allowed, what):
    if value not in allowed:
        raise LessonError(f"{where}: unknown {what} {json.dumps(value)}; allowed: "
                          f"{', '.join(allowed)}")
    return value


def _name_list(value, where, allowed, what):
    if not isinstance(value, list):
        raise LessonError(f"{where} must be a list, got {_kind(value)}")
    return tuple(_choice(v, f"{where}[{k}]", allowed, what) for k, v in enumerate(value))


# --- the settings -----------------------------------------------------------------

def _data_value(key, value, where):
    if key == "name":
        return _choice(value, where, LESSON_DATASETS, "data set")
    if key == "n":
        return _whole(value, where, MIN_POINTS, MAX_POINTS)
    if key == "noise":
        return _number(value, where, 0.0, MAX_NOISE)
    if key == "seed":
        return _whole(value, where, 0, MAX_SEED)
    if key == "test_ratio":
        return _number(value, where, 0.0, MAX_TEST_RATIO)
    if key == "digit":
        return _whole(value, where, 0, 9)
    if not isinstance(value, list):
        raise LessonError(f"{where} must be a list of feature names, got {_kind(value)}")
    return _engine_check(check_feature_keys, value, where)


def _model_value(key, value, where):
    if key == "hidden_sizes":
        if not isinstance(value, list):
            raise LessonError(f"{where} must be a list of whole numbers, e.g. [8, 8] "
                              f"(or [] for no hidden layer), got {_kind(value)}")
        if len(value) > MAX_LAYERS - 1:
            raise LessonError(f"{where} may have at most {MAX_LAYERS - 1} hidden layers")
        return tuple(_whole(v, f"{where}[{k}]", 1, MAX_UNITS) for k, v in enumerate(value))
    if key == "activations":
        if isinstance(value, str):
            return _choice(value, where, HIDDEN_ACTIVATIONS, "activation")
        return _name_list(value, where, HIDDEN_ACTIVATIONS, "activation")
    if key == "init":
        return _choice(value, where, tuple(INITIALISERS), "initialisation")
    return _whole(value, where, 0, MAX_SEED)


def _training_value(key, value, where):
    if isinstance(value, bool):
        raise LessonError(f"{where} must be a number, got {json.dumps(value)}")
    if key == "learning_rate":
        return _engine_check(check_learning_rate, value, where)
    if key == "l2":
        return _engine_check(check_l2, value, where)
    if not isinstance(value, int):
        raise LessonError(f"{where} must be a whole number, got {json.dumps(value)}")
    return _engine_check(check_batch_size, value, where)


VALUE_CHECKS = {"data": _data_value, "model": _model_value, "training": _training_value}


def _part_values(value, where, part_name, complete):
    part = PARTS[part_name]
    required = required_names(part) if complete else ()
    _object(value, where, field_names(part), required)
    return {key: VALUE_CHECKS[part_name](key, v, f"{where}.{key}") for key, v in value.items()}


def _changes(value, where):
    """A step's or a run's changes: {"data": {...}, "model": {...}, "training": {...}}."""
    _object(value, where, tuple(PARTS))
    return {name: _part_values(part, f"{where}.{name}", name, complete=False)
            for name, part in value.items()}


def _check_together(settings, where):
    """The settings as a whole: activations that fit the layers, and so on."""
    model = settings.model
    try:
        make_model_config((2,) + tuple(model.hidden_sizes) + (1,), model.activation_list(),
                          model.init, model.seed)
    except ConfigError as error:
        raise LessonError(f"{where}: {error}") from None
    return settings


# --- steps and the claim ---------------------------------------------------------

def _steps(value, settings):
    if not isinstance(value, list):
        raise LessonError(f"steps must be a list, got {_kind(value)}")
    steps = []
    for k, item in enumerate(value):
        where = f"steps[{k}]"
        _object(item, where, ("label", "action", "set"), ("label",))
        label = _text(item["label"], f"{where}.label")
        if ("action" in item) == ("set" in item):
            raise LessonError(f"{where} needs exactly one of 'action' and 'set'")
        if "action" in item:
            steps.append(Step(label, action=_choice(item["action"], f"{where}.action",
                                                    tuple(STEP_ACTIONS), "action")))
            continue
        changes = _changes(item["set"], f"{where}.set")
        settings = _check_together(settings.changed(changes), f"{where}.set")
        steps.append(Step(label, changes=changes))
    return tuple(steps)


def _run(item, where, settings, default_updates):
    _object(item, where, ("name", "set", "updates", "epochs"), ("name",))
    name = _text(item["name"], f"{where}.name")
    changes = _changes(item.get("set", {}), f"{where}.set")
    _check_together(settings.changed(changes), f"{where}.set")
    if "updates" in item and "epochs" in item:
        raise LessonError(f"{where} has both 'updates' and 'epochs'; give one")
    if "epochs" in item:
        return Run(name, changes, epochs=_whole(item["epochs"], f"{where}.epochs", 1, 10_000))
    if "updates" in item:
        return Run(name, changes, updates=_whole(item["updates"], f"{where}.updates", 0,
                                                 MAX_UPDATES))
    if default_updates is None:
        raise LessonError(f"{where} needs 'updates' or 'epochs' (or claim.updates for all runs)")
    return Run(name, changes, updates=default_updates)


def _check(item, where, run_names):
    if not isinstance(item, dict):
        raise LessonError(f"{where} must be an object {{...}}, got {_kind(item)}")
    if "kind" not in item:
        raise LessonError(f"missing field '{where}.kind'")
    kind = item["kind"]
    if kind not in CHECKS:
        raise LessonError(f"{where}.kind: unknown claim kind {json.dumps(kind)}; allowed: "
                          f"{', '.join(CHECKS)}")
    spec = CHECKS[kind]
    _object(item, where, ("kind", *spec.required, *spec.optional), ("kind", *spec.required))
    params = {}
    for key, what in spec.required.items():
        value, at = item[key], f"{where}.{key}"
        if what == "run":
            params[key] = _choice(value, at, run_names, "run")
        elif what == "figure":
            params[key] = _choice(value, at, tuple(FIGURES), "figure")
        else:
            params[key] = _number(value, at)
    for key, default in spec.optional.items():
        params[key] = _number(item[key], f"{where}.{key}") if key in item else default
    if kind == "between" and params["low"] > params["high"]:
        raise LessonError(f"{where}: low ({params['low']:g}) must not be above high "
                          f"({params['high']:g})")
    if kind == "graph_matches_engine":
        if params["y"] not in (0.0, 1.0):
            raise LessonError(f"{where}.y must be 0 or 1, got {params['y']:g}")
        try:
            check_inputs(params["x"], params["w"], params["b"], params["y"])
        except GraphInputError as error:
            raise LessonError(f"{where}: {error}") from None
    if "other" in params and params["other"] == params["run"]:
        raise LessonError(f"{where}: run and other are both {json.dumps(params['run'])}; "
                          f"a run compared with itself proves nothing, name another run")
    return Check(kind, params)


def _claim(value, settings):
    _object(value, "claim", ("updates", "runs", "checks"), ("checks",))
    default_updates = (_whole(value["updates"], "claim.updates", 0, MAX_UPDATES)
                       if "updates" in value else None)
    runs_value = value.get("runs", [])
    if not isinstance(runs_value, list):
        raise LessonError(f"claim.runs must be a list, got {_kind(runs_value)}")
    runs = tuple(_run(item, f"claim.runs[{k}]", settings, default_updates)
                 for k, item in enumerate(runs_value))
    names = tuple(run.name for run in runs)
    if len(set(names)) != len(names):
        raise LessonError("claim.runs: two runs have the same name")
    checks_value = value["checks"]
    if not isinstance(checks_value, list) or not checks_value:
        raise LessonError("claim.checks must be a list of at least one check")
    checks = tuple(_check(item, f"claim.checks[{k}]", names)
                   for k, item in enumerate(checks_value))
    if any(CHECKS[c.kind].needs_runs for c in checks) and not runs:
        raise LessonError("claim.runs must name at least one run for these checks")
    return Claim(runs, checks)


# --- the whole lesson ---------------------------------------------------------------

def lesson_from_dict(value, source=""):
    """A Lesson from the parsed JSON object; raises LessonError."""
    if not isinstance(value, dict):
        raise LessonError(f"a lesson must be a JSON object {{...}}, got {_kind(value)}")
    if "format_version" not in value:
        raise LessonError(f"missing field 'format_version' (this app reads version "
                          f"{FORMAT_VERSION})")
    version = value["format_version"]
    if isinstance(version, bool) or version != FORMAT_VERSION:
        raise LessonError(f"format_version {json.dumps(version)} is not supported; this app "
                          f"reads version {FORMAT_VERSION}")
    _object(value, "", TOP_FIELDS, TOP_REQUIRED)
    lesson_id = _text(value["id"], "id")
    if not ID_PATTERN.match(lesson_id):
        raise LessonError(f"id {json.dumps(lesson_id)} may hold only lower-case letters, "
                          f"digits and '-', starting with a letter or digit")
    title = _text(value["title"], "title")
    explanation = value["explanation"]
    if isinstance(explanation, str):
        explanation = [explanation]
    if not isinstance(explanation, list) or not explanation:
        raise LessonError("explanation must be text or a list of paragraphs")
    paragraphs = tuple(_text(p, f"explanation[{k}]") for k, p in enumerate(explanation))
    parts = {name: PARTS[name](**_part_values(value[name], name, name, complete=True))
             for name in PARTS}
    settings = _check_together(Settings(**parts), "model")
    steps = _steps(value.get("steps", []), settings)
    claim = _claim(value["claim"], settings)
    return Lesson(lesson_id, title, paragraphs, settings, steps, claim, source)


def lesson_from_text(text, source=""):
    """A Lesson from JSON text; raises LessonError (the message without the source)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise LessonError(f"not valid JSON (line {error.lineno}, column {error.colno}: "
                          f"{error.msg})") from None
    return lesson_from_dict(value, source)


# --- writing -------------------------------------------------------------------------

def _part_dict(part):
    out = {}
    for f in fields(part):
        value = getattr(part, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def _changes_dict(changes):
    return {name: {key: list(v) if isinstance(v, tuple) else v for key, v in part.items()}
            for name, part in changes.items()}


def lesson_to_dict(lesson):
    """The JSON object that lesson_from_dict reads back as the same Lesson."""
    s = lesson.settings
    steps = []
    for step in lesson.steps:
        item = {"label": step.label}
        if step.action is not None:
            item["action"] = step.action
        else:
            item["set"] = _changes_dict(step.changes)
        steps.append(item)
    runs = []
    for run in lesson.claim.runs:
        item = {"name": run.name, "set": _changes_dict(run.changes)}
        item["epochs" if run.epochs is not None else "updates"] = (
            run.epochs if run.epochs is not None else run.updates)
        runs.append(item)
    checks = [{"kind": c.kind, **c.params} for c in lesson.claim.checks]
    return {
        "format_version": FORMAT_VERSION, "id": lesson.id, "title": lesson.title,
        "explanation": list(lesson.explanation), "data": _part_dict(s.data),
        "model": _part_dict(s.model), "training": _part_dict(s.training), "steps": steps,
        "claim": {"runs": runs, "checks": checks},
    }


def lesson_to_text(lesson):
    return json.dumps(lesson_to_dict(lesson), indent=2, ensure_ascii=False) + "\n"
