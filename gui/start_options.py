"""What the window starts with: the data, network and training options of the headless
commands (`--dataset xor --layers auto,4,3,1 --batch-size 16` ...), for a lecturer's
one-command start and for slides made with --screenshot."""
from dataclasses import dataclass

from cli.options import data_set_values, dataset_name, layer_sizes_for
from engine.config import make_model_config, make_train_config
from gui.panels.data_panel import DataSettings
from gui.panels.model_panel import ModelSpec


class StartError(ValueError):
    """Options the window cannot start with; the message says what is allowed."""


@dataclass(frozen=True)
class StartSettings:
    """The panels' values to start with, and the Dataset they load (already checked)."""

    data: DataSettings
    dataset: object
    model: ModelSpec
    learning_rate: float
    l2: float
    batch_size: int


def start_settings(args):
    """StartSettings from the options of cli.options.add_model_options; raises StartError
    (or the engine's ConfigError / DatasetError, whose messages say what is wrong)."""
    if args.csv is not None:
        raise StartError("the window opens CSV files itself: start it without --csv and "
                         "use Open CSV… in the Data panel")
    name = dataset_name(args)
    data_set_values(args, name)   # refuses --noise for the digits and the like
    defaults = DataSettings()     # the window's own defaults, where no option is given
    data = DataSettings(
        name=name,
        n=defaults.n if args.n is None else args.n,
        noise=defaults.noise if args.noise is None else args.noise,
        seed=args.seed, test_ratio=args.test_ratio,
        digit=defaults.digit if args.digit is None else args.digit,
        features=tuple(args.features))
    dataset = data.load()
    sizes = layer_sizes_for(args.layers, dataset)
    hidden = sizes[1:-1]
    activations = args.activation * len(hidden) if len(args.activation) == 1 else args.activation
    # The engine's own checks, with their messages (sizes, activations, rates, batch size).
    make_model_config(sizes, activations, args.init, args.seed)
    train = make_train_config(args.lr, args.l2, args.batch_size)
    return StartSettings(data, dataset, ModelSpec(tuple(hidden), tuple(activations),
                                                  args.init, args.seed),
                         train.learning_rate, train.l2, train.batch_size)
