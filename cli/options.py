"""What every command shares: one-line usage errors, option value parsers, the data,
network and training options, and building a Trainer from them."""
import argparse
import math

from engine.activations import HIDDEN_ACTIVATIONS
from engine.config import check_seed, make_model_config, make_train_config
from engine.dataset import DATASET_NAMES, load_dataset
from engine.initialisers import INITIALISERS
from engine.input_features import EXTRA_FEATURES
from engine.synthetic import MAX_NOISE, MAX_POINTS, MIN_POINTS, SYNTHETIC_SETS
from engine.trainer import Trainer

PROG = "backprop-lab"
AUTO = "auto"
# Options that only mean something for some data sets: (default, the data sets, how
# those are named in a message). They default to None, so that a value given for
# another data set is refused instead of silently ignored.
DATA_SET_OPTIONS = {
    "n": (200, SYNTHETIC_SETS, "the generated data sets"),
    "noise": (0.1, SYNTHETIC_SETS, "the generated data sets"),
    "digit": (0, ("digits",), "--dataset digits"),
}


class UsageError(ValueError):
    """An option that is not allowed; becomes one line on stderr and exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are a single line, raised rather than exited on."""

    def error(self, message):
        raise UsageError(message, self.prog)


# --- small parsers for option values (argparse shows their message after the option) ---

def whole_number(low, high=None):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
        if value < low or (high is not None and value > high):
            allowed = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise argparse.ArgumentTypeError(f"must be {allowed}, got {value}")
        return value
    return parse


def real_number(low=None, high=None, high_open=False, low_open=False):
    def parse(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None
        too_low = low is not None and (value <= low if low_open else value < low)
        too_high = high is not None and (value >= high if high_open else value > high)
        if not math.isfinite(value) or too_low or too_high:
            raise argparse.ArgumentTypeError(
                f"must be a finite number{_range_words(low, high, low_open, high_open)}, "
                f"got {text}")
        return value
    return parse


def _range_words(low, high, low_open, high_open):
    """' from 0 to 1', ' at least 0 and below 1', ' above 0', '' (no bounds)."""
    if low is not None and high is not None and not (low_open or high_open):
        return f" from {low:g} to {high:g}"
    parts = []
    if low is not None:
        parts.append(f"above {low:g}" if low_open else f"at least {low:g}")
    if high is not None:
        parts.append(f"below {high:g}" if high_open else f"at most {high:g}")
    return "".join(" " + part if k == 0 else " and " + part for k, part in enumerate(parts))


def layer_list(text):
    """'2,8,8,1' -> (2, 8, 8, 1); 'auto,16,1' -> ('auto', 16, 1)."""
    parts = [p.strip() for p in text.split(",")]
    sizes = []
    for k, part in enumerate(parts):
        if k == 0 and part.lower() == AUTO:
            sizes.append(AUTO)
            continue
        try:
            sizes.append(int(part))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"must be whole numbers separated by commas (the first may be 'auto'), "
                f"e.g. 2,8,8,1 or auto,16,1; got {text!r}") from None
    return tuple(sizes)


def name_list(text):
    return tuple(p.strip() for p in text.split(","))


# --- the parser -------------------------------------------------------------------

def add_model_options(parser):
    """The data, network and training options shared by every command."""
    data = parser.add_argument_group("data")
    data.add_argument(
        "--dataset", choices=DATASET_NAMES, metavar="NAME",
        help=f"which data set to learn: {', '.join(DATASET_NAMES)} (default: moons, or csv "
             "when --csv is given). blobs to gaussian are generated in 2-D, line is generated with one feature (try --layers 1,1); breast_cancer and digits are "
             "real data shipped with the app")
    data.add_argument("--n", type=whole_number(MIN_POINTS, MAX_POINTS), metavar="N",
                      help=f"for a generated data set: how many points it has, "
                           f"{MIN_POINTS} to {MAX_POINTS} (default: 200)")
    data.add_argument("--noise", type=real_number(0.0, MAX_NOISE), metavar="SD",
                      help=f"for a generated data set: how much random jitter the "
                           f"points get, 0 to {MAX_NOISE:g} (default: 0.1)")
    data.add_argument("--test-ratio", type=real_number(0.0, 1.0, high_open=True), default=0.25,
                      metavar="R",
                      help="share of the examples held back to test on, from 0 (no test set) "
                           "up to but not including 1 (default: 0.25)")
    data.add_argument("--digit", type=whole_number(0, 9), metavar="D",
                      help="for --dataset digits: the digit to tell apart from all the others "
                           "(default: 0)")
    data.add_argument("--csv", metavar="FILE",
                      help="your own CSV file: numeric feature columns and one label column "
                           "(implies --dataset csv)")
    data.add_argument("--label-column", metavar="NAME",
                      help="for --csv: the name (or 0-based index) of the label column "
                           "(default: the last column)")
    data.add_argument("--positive-label", metavar="VALUE",
                      help="for --csv: the label value that counts as class 1, all others "
                           "being class 0 (default: the label column must hold two values)")
    data.add_argument("--features", type=name_list, default=(), metavar="NAMES",
                      help="for two-feature data: extra inputs made from x1 and x2, a comma "
                           f"list of {', '.join(EXTRA_FEATURES)} (default: none)")

    model = parser.add_argument_group("network")
    model.add_argument(
        "--layers", type=layer_list, default=(AUTO, 8, 8, 1), metavar="SIZES",
        help="units per layer, from the inputs to the single output unit, separated by commas, "
             "e.g. 2,8,8,1 = 2 inputs, two hidden layers of 8, 1 output. The first size must "
             "equal the data's number of features; write auto to take it from the data "
             "(default: auto,8,8,1)")
    model.add_argument(
        "--activation", type=name_list, default=("tanh",), metavar="NAME",
        help=f"the hidden layers' activation g: {', '.join(HIDDEN_ACTIVATIONS)}; one name for "
             "all hidden layers or a comma list with one per hidden layer. The output unit is "
             "always a sigmoid (default: tanh)")
    model.add_argument(
        "--init", choices=tuple(INITIALISERS), default="xavier", metavar="NAME",
        help="how the weights W start: zeros (with sigmoid hidden units every unit of a "
             "layer stays the same; with tanh or relu the hidden weights stay 0), small "
             "(random x 0.01), xavier (suits tanh/sigmoid) or he (suits relu); the biases b start at 0 "
             "(default: xavier)")
    model.add_argument("--seed", type=whole_number(0, 2**32 - 1), default=0, metavar="S",
                       help="seeds the data, the train/test split, the initial weights and the "
                            "shuffling, so a run can be repeated exactly (default: 0)")

    training = parser.add_argument_group("gradient descent")
    training.add_argument("--lr", default="0.5", metavar="ALPHA",
                          help="learning rate alpha, the step size of W = W - alpha dW "
                               "(default: 0.5)")
    training.add_argument("--batch-size", type=whole_number(0), default=0, metavar="B",
                          help="examples per update: 0 = all of them (batch gradient descent), "
                               "1 = one at a time (stochastic), anything between = mini-batches "
                               "(default: 0)")
    training.add_argument("--l2", default="0", metavar="LAMBDA",
                          help="L2 regularisation lambda: adds (lambda/2m) sum ||W||^2 to the "
                               "cost to keep the weights small (default: 0)")


# --- from options to a Trainer ------------------------------------------------------

def dataset_name(args):
    if args.csv is not None:
        if args.dataset not in (None, "csv"):
            raise UsageError(f"--csv is for --dataset csv, not --dataset {args.dataset}")
        return "csv"
    if args.dataset == "csv":
        raise UsageError("--dataset csv needs --csv FILE")
    if args.label_column is not None or args.positive_label is not None:
        raise UsageError("--label-column and --positive-label are only for --csv FILE")
    return args.dataset or "moons"


def data_set_values(args, name):
    """{option: value} of the options in DATA_SET_OPTIONS, defaults filled in; raises
    UsageError for one given with a data set it does not apply to."""
    values = {}
    for option, (default, applies_to, which) in DATA_SET_OPTIONS.items():
        given = getattr(args, option)
        if given is not None and name not in applies_to:
            raise UsageError(f"--{option} is only for {which}, not --dataset {name}")
        values[option] = default if given is None else given
    return values


def load_data(args):
    """The Dataset the options describe (raises DatasetError, UsageError)."""
    name = dataset_name(args)
    return load_dataset(
        name, **data_set_values(args, name), seed=args.seed, test_ratio=args.test_ratio,
        csv_path=args.csv, label_column=args.label_column, positive_label=args.positive_label,
        features=args.features)


def layer_sizes_for(layers, dataset):
    """Replace 'auto' by the data's feature count and check the first size matches it."""
    n_x = dataset.n_x
    if layers[0] == AUTO:
        return (n_x,) + tuple(layers[1:])
    if layers[0] != n_x:
        shown = ",".join(str(s) for s in layers)
        rest = ",".join(str(s) for s in layers[1:]) or "1"
        raise UsageError(
            f"--layers must start with {n_x}, the number of features of {dataset.name} "
            f"(got {shown}); write {n_x},{rest} or auto,{rest}")
    return tuple(layers)


def make_trainer(args):
    """Load the data and build the Trainer that the shared options describe."""
    dataset = load_data(args)
    sizes = layer_sizes_for(args.layers, dataset)
    activations = args.activation[0] if len(args.activation) == 1 else args.activation
    model = make_model_config(sizes, activations, init=args.init, seed=check_seed(args.seed))
    train = make_train_config(args.lr, args.l2, args.batch_size)
    return Trainer(dataset, model, train)


def describe(trainer):
    """Two lines: the data and the network, e.g. for a command's opening."""
    data, net = trainer.dataset, trainer.network
    batch = trainer.batch_size
    batching = ("full batch" if batch == 0 or batch >= data.m_train else
                "stochastic (batch size 1)" if batch == 1 else f"mini-batches of {batch}")
    return (f"data     {data.description or data.name}; {data.m_train} training and "
            f"{data.m_test} test examples, {data.n_x} feature{'' if data.n_x == 1 else 's'}\n"
            f"network  {'-'.join(str(s) for s in net.layer_sizes)} "
            f"({', '.join(net.activation_names)}), {trainer.model.init} init, "
            f"{net.parameter_count()} parameters, seed {trainer.model.seed}\n"
            f"training {batching}, learning rate {trainer.learning_rate:g}, "
            f"L2 lambda {trainer.l2:g}")
