"""nnplayground.session: the step-by-step network is nnlib.train's, the learner's functions are
used while they work and replaced by nnlib's (with a note) when they do not."""
import numpy as np
import pytest

import nnlib
from nnlib import diagnostics
from nnplayground.session import DATASETS, Session, Settings


def _train(settings, epochs):
    X, Y = DATASETS[settings.data]()
    output, loss = diagnostics.output_layer_for(Y)
    dims = [X.shape[0], *[settings.units] * settings.hidden_layers, Y.shape[0]]
    _, history = nnlib.train(X, Y, dims, hidden_activation=settings.activation, output_activation=output,
                             loss=loss, optimizer=settings.optimizer, learning_rate=settings.learning_rate,
                             epochs=epochs, batch_size=settings.batch_size, seed=settings.seed, init=settings.init)
    return history["cost"]


@pytest.mark.parametrize("settings", [
    Settings(),
    Settings(data="xor", hidden_layers=1, units=2, activation="sigmoid", init="he", learning_rate=1.0, seed=1),
    Settings(data="study hours", activation="sigmoid", optimizer="momentum", learning_rate=0.5),
    Settings(data="moons", activation="relu", init="he", optimizer="adam", learning_rate=0.01, seed=3),
])
def test_full_batch_steps_are_nnlib_train_epochs(settings):
    session = Session(settings)
    session.step(40)
    np.testing.assert_allclose(session.costs, _train(settings, 40), rtol=1e-10)
    assert len(session.norms) == 40 and session.norms[0].shape == (settings.hidden_layers + 1,)


def test_mini_batches_are_nnlib_train_epochs():
    # 400 examples in batches of 64: 7 steps an epoch; train records each epoch's mean batch cost
    settings = Settings(data="circles", batch_size=64, learning_rate=0.1, seed=2)
    session = Session(settings)
    session.step(7 * 3)
    sizes = np.array([64] * 6 + [16])
    per_epoch = [np.dot(session.costs[7 * e:7 * e + 7], sizes) / 400 for e in range(3)]
    np.testing.assert_allclose(per_epoch, _train(settings, 3), rtol=1e-10)


def test_the_learners_functions_are_used_while_they_work():
    calls = {"forward": 0, "backward": 0, "norms": 0, "dead": 0}

    def model_forward(*args):
        calls["forward"] += 1
        return nnlib.model_forward(*args)

    def model_backward(*args):
        calls["backward"] += 1
        return nnlib.model_backward(*args)

    def gradient_norms_per_layer(grads):
        calls["norms"] += 1
        return 2 * diagnostics.gradient_norms(grads)  # twice nnlib's: the plot shows the learner's

    def dead_units_per_layer(X, parameters):
        calls["dead"] += 1
        return diagnostics.dead_units(X, parameters)

    settings = Settings(activation="relu", init="he")
    session = Session(settings, forward=model_forward, backward=model_backward,
                      gradient_norms=gradient_norms_per_layer, dead_units=dead_units_per_layer)
    reference = Session(settings)
    session.step(5)
    reference.step(5)
    assert session.dead_units().tolist() == reference.dead_units().tolist()
    assert calls == {"forward": 5, "backward": 5, "norms": 5, "dead": 1}
    np.testing.assert_allclose(session.costs, reference.costs)
    np.testing.assert_allclose(session.norms, 2 * np.array(reference.norms))
    assert session.notes == []


def test_a_learners_function_that_fails_is_replaced_by_nnlibs_with_a_note():
    def gradient_norms_per_layer(grads):
        raise NotImplementedError()

    def dead_units_per_layer(X, parameters):
        return np.zeros(5)  # wrong shape: two hidden layers

    def model_forward(X, parameters, hidden, output):
        return nnlib.model_forward(X, parameters, hidden, output)[0]  # AL without the caches

    session = Session(Settings(activation="relu", init="he"), forward=model_forward,
                      gradient_norms=gradient_norms_per_layer, dead_units=dead_units_per_layer)
    reference = Session(Settings(activation="relu", init="he"))
    session.step(3)
    reference.step(3)
    np.testing.assert_allclose(session.costs, reference.costs)
    np.testing.assert_allclose(session.norms, reference.norms)
    assert session.dead_units().tolist() == reference.dead_units().tolist()
    assert session.notes == [
        "your model_forward did not return (AL, caches) with AL of shape (1, 400); nnlib's is used instead",
        "your gradient_norms_per_layer raised NotImplementedError; nnlib's is used instead",
        "your dead_units_per_layer returned shape (5,), not (2,); nnlib's is used instead",
    ]


def test_a_cost_that_is_not_finite_stops_the_training():
    # every output layer the playground picks keeps the cost finite; a learner's forward need not
    def overflowing_forward(X, parameters, hidden, output):
        AL, caches = nnlib.model_forward(X, parameters, hidden, output)
        return (AL * np.inf if calls.append(1) or len(calls) > 20 else AL), caches

    calls = []
    session = Session(Settings(data="study hours", activation="sigmoid"), forward=overflowing_forward)
    session.step(500)
    assert session.diverged and len(session.costs) == 20
    assert np.isfinite(session.costs).all()
    assert "the cost overflowed" in session.summary()


def test_changes_while_training():
    session = Session(Settings(batch_size=None, learning_rate=0.3))
    session.step(2)
    session.learning_rate = 0.0001
    session.set_optimizer("adam")
    session.set_batch_size(100)
    before = {k: v.copy() for k, v in session.parameters.items()}
    session.step(4)  # one epoch of 4 batches
    assert len(session.costs) == 6
    change = max(np.abs(session.parameters[k] - before[k]).max() for k in before)
    assert 0 < change <= 4 * 0.0001 * 1.01  # adam moves each entry by at most about α per step


def test_summary_and_dead_units():
    relu = Session(Settings(activation="relu", init="he", learning_rate=3.0))
    relu.step(300)
    assert relu.dead_units().tolist() == [0, 8]
    assert relu.summary() == ("planar, 2×8 relu, he init, gd α = 3, full batch, seed 0: 300 steps, "
                              "cost 0.8112 → 0.6931, training accuracy 50.0%, dead units per hidden layer [0, 8]")
    assert Session(Settings()).dead_units() is None
    assert Session(Settings(data="study hours")).score()[1] == "RMSE"


@pytest.mark.parametrize("kwargs, message", [
    ({"data": "iris"}, "data must be one of"),
    ({"activation": "softmax"}, "activation must be one of"),
    ({"units": 0}, "positive integers"),
    ({"learning_rate": 0}, "learning_rate must be positive"),
    ({"batch_size": 0}, "batch_size"),
])
def test_settings_reject_bad_values(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Settings(**kwargs)


def test_a_learners_function_cannot_change_the_training_through_its_arguments():
    def gradient_norms_per_layer(grads):
        for key in grads:
            grads[key] *= 0  # in place, on what it was given
        return ["1", "2", "x"]  # and not numbers

    session = Session(Settings(), gradient_norms=gradient_norms_per_layer)
    reference = Session(Settings())
    session.step(5)
    reference.step(5)
    np.testing.assert_allclose(session.costs, reference.costs)
    assert session.notes == ["your gradient_norms_per_layer raised ValueError: could not convert string to "
                             "float: 'x'; nnlib's is used instead"]
