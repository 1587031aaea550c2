"""The decision-boundary view for one feature: the examples at their label's height, the
model's P(y = 1 | x) curve, the threshold x* where it crosses 0.5 and, for logistic
regression, β0 and β1 named beside b[1] and W[1]."""
import dataclasses

import numpy as np
from on_screen import new_view

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer
from gui.plots.boundary_plot import BoundaryPlot
from gui.training_history import TrainingHistory


def trained(sizes=(1, 1), updates=150, activation="tanh"):
    data = load_dataset("line", n=200, noise=0.2, seed=0)
    trainer = Trainer(data, make_model_config(sizes, activation, seed=2), make_train_config(0.5))
    session = make_session_info(trainer)
    trainer.run(updates)
    return trainer, session, take_snapshot(trainer, session, [], [], example_index=3)


def shown(qtbot, session, snapshot):
    view = new_view(qtbot, BoundaryPlot)
    view.resize(900, 600)
    view.set_session(session)
    assert view.show_snapshot(snapshot, TrainingHistory(len(session.layer_sizes) - 1))
    return view


def test_examples_sit_at_their_labels_height_along_x():
    trainer, session, _ = trained(updates=0)
    x, height = session.points_train
    assert np.array_equal(x, trainer.dataset.X_train[0])
    assert np.all(np.abs(height - trainer.dataset.Y_train[0]) <= 0.06)
    assert np.std(height - trainer.dataset.Y_train[0]) > 0.01   # jittered, not on a line
    assert session.extent[2] < 0 and session.extent[3] > 1


def test_the_threshold_is_where_the_fitted_sigmoid_is_one_half_and_is_the_drawn_line(qtbot):
    trainer, session, snapshot = trained()
    view = shown(qtbot, session, snapshot)
    beta0 = float(trainer.network.b[1][0, 0])
    beta1 = float(trainer.network.W[1][0, 0])
    assert beta1 > 0.5    # trained: class 1 lies to the right
    (x_star,) = view.one_feature.x_star
    assert abs(1.0 / (1.0 + np.exp(-(beta0 + beta1 * x_star))) - 0.5) < 1e-9
    assert abs(x_star + beta0 / beta1) < 1e-12
    visible = [line for line in view.one_feature.lines if line.isVisible()]
    assert len(visible) == 1 and visible[0].value() == x_star
    assert f"{abs(x_star):.3f}" in visible[0].label.toPlainText()


def test_the_drawn_curve_is_the_networks_predict_proba_on_the_x_grid(qtbot):
    for sizes in ((1, 1), (1, 4, 1)):
        trainer, session, snapshot = trained(sizes)
        view = shown(qtbot, session, snapshot)
        xs, ps = view.one_feature.curve.getData()
        assert xs[0] == session.extent[0] and xs[-1] == session.extent[1] and len(xs) >= 100
        expected = trainer.network.predict_proba(xs.reshape(1, -1))[0]
        np.testing.assert_allclose(ps, expected, rtol=0, atol=1e-15)


def test_a_deeper_nets_thresholds_are_where_its_own_curve_crosses_one_half(qtbot):
    trainer, session, snapshot = trained((1, 4, 1), updates=300)
    view = shown(qtbot, session, snapshot)
    assert view.one_feature.x_star
    for x in view.one_feature.x_star:
        assert abs(trainer.network.predict_proba(np.array([[x]]))[0, 0] - 0.5) < 1e-9
    assert "net's P(y = 1 | x) crosses 0.5" in view.parameters.toPlainText()
    assert "β0" not in view.parameters.toPlainText()


def test_beta0_and_beta1_are_named_beside_b_and_w_with_their_values(qtbot):
    trainer, session, snapshot = trained()
    view = shown(qtbot, session, snapshot)
    text = view.parameters.toPlainText().replace("\u2212", "-")
    beta0 = trainer.network.b[1][0, 0]
    beta1 = trainer.network.W[1][0, 0]
    assert f"β0 = b[1] = {beta0:.3f}" in text
    assert f"β1 = W[1] = {beta1:.3f}" in text
    assert "x* = −β0 / β1".replace("\u2212", "-") in text


def test_a_flat_curve_has_no_threshold_and_says_so(qtbot):
    _, session, snapshot = trained()
    flat = dataclasses.replace(snapshot, update=snapshot.update + 1,
                               W=(np.zeros((1, 1)),), b=(np.full((1, 1), 0.3),))
    view = shown(qtbot, session, flat)
    assert view.one_feature.x_star == []
    assert not any(line.isVisible() for line in view.one_feature.lines)
    assert "never crosses 0.5" in view.parameters.toPlainText()


def test_a_threshold_outside_the_data_is_not_drawn_but_given(qtbot):
    _, session, snapshot = trained()
    far = dataclasses.replace(snapshot, update=snapshot.update + 1,
                              W=(np.full((1, 1), 0.1),), b=(np.full((1, 1), -2.0),))
    view = shown(qtbot, session, far)
    assert view.one_feature.x_star == [20.0]
    assert not any(line.isVisible() for line in view.one_feature.lines)
    assert "outside the data's range" in view.parameters.toPlainText()


def test_the_curve_follows_the_weights_as_training_goes_on(qtbot):
    trainer, session, snapshot = trained(updates=0)
    view = shown(qtbot, session, snapshot)
    before = view.one_feature.curve.getData()[1].copy()
    trainer.run(100)
    later = take_snapshot(trainer, session, [], [], example_index=3)
    assert view.show_snapshot(later, TrainingHistory(1))
    after = view.one_feature.curve.getData()[1]
    assert np.abs(after - before).max() > 0.1
    np.testing.assert_allclose(after, trainer.network.predict_proba(
        view.one_feature.xs)[0], atol=1e-15)


def test_numbers_are_written_with_a_true_minus_and_never_as_minus_zero():
    from gui.plots.one_feature_curve import signed
    assert signed(-0.42) == "\u22120.420"
    assert signed(1.9) == "1.900"
    assert signed(-0.0) == signed(-0.0001) == "0.000"
