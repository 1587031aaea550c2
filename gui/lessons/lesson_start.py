"""A lesson's settings as the StartSettings the window opens with (gui/start_options.py),
so that a lesson goes into the panels by the same path as the command-line options."""
from gui.panels.data_panel import DataSettings
from gui.panels.model_panel import ModelSpec
from gui.start_options import StartSettings


def lesson_start(settings):
    """StartSettings from engine.lessons.settings.Settings; loads the data (raises
    DatasetError or ConfigError, whose messages say what is wrong)."""
    d, m = settings.data, settings.model
    data = DataSettings(name=d.name, n=d.n, noise=d.noise, seed=d.seed,
                        test_ratio=d.test_ratio, digit=d.digit, features=tuple(d.features))
    dataset = data.load()
    settings.model_config(dataset.n_x)     # the engine's own checks of the network
    train = settings.train_config()
    return StartSettings(data, dataset,
                         ModelSpec(tuple(m.hidden_sizes), m.activation_list(), m.init, m.seed),
                         train.learning_rate, train.l2, train.batch_size)
