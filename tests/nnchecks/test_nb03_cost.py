"""nnchecks.nb03_cost: passes on correct learner-style code, fails clearly on typical mistakes."""
import re

import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed
from nnchecks import nb03_cost as checks
from nnchecks.hidden import nb03_cost as hidden_checks


# --------------------------------------------------------------------------- correct versions

def mse_cost(AL, Y):
    m = Y.shape[1]
    return float(np.sum((AL - Y) ** 2) / (2 * m))


def bce_cost(AL, Y):
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / AL.shape[1])


def ce_cost(AL, Y):
    eps = np.finfo(AL.dtype).eps
    return float(-np.sum(Y * np.log(np.clip(AL, eps, 1 - eps))) / AL.shape[1])


def bce_from_logits(Z, Y):
    losses = np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))
    return float(losses.sum() / Z.shape[1])


def stub(*args, **kwargs):
    raise NotImplementedError()


CORRECT = {
    "mse_cost": mse_cost, "bce_cost": bce_cost, "bce_cost_stable": bce_cost, "ce_cost": ce_cost,
    "ce_cost_stable": ce_cost, "bce_from_logits": bce_from_logits,
    "bce_from_logits_saturated": bce_from_logits,
}


@pytest.mark.parametrize("exercise", sorted(CORRECT))
def test_correct_implementations_pass(exercise):
    getattr(checks, f"check_{exercise}")(CORRECT[exercise])
    getattr(hidden_checks, f"check_{exercise}_hidden")(CORRECT[exercise])


def test_other_correct_styles_pass():
    def bce_where(AL, Y):  # mean over columns, np.where instead of the (1 - Y) weights
        eps = np.finfo(AL.dtype).eps
        P = np.clip(AL, eps, 1 - eps)
        return np.mean(np.sum(-np.where(Y == 1, np.log(P), np.log1p(-P)), axis=0))

    def ce_true_class(AL, Y):  # the log-probability of the right class only
        eps = np.finfo(AL.dtype).eps
        return -np.mean(np.log(np.maximum(AL[Y == 1], eps)))

    def logits_logaddexp(Z, Y):
        return np.mean(np.sum(np.logaddexp(0, Z) - Z * Y, axis=0))

    for check in (checks.check_bce_cost, hidden_checks.check_bce_cost_hidden, checks.check_bce_cost_stable,
                  hidden_checks.check_bce_cost_stable_hidden):
        check(bce_where)
    for check in (checks.check_ce_cost, hidden_checks.check_ce_cost_hidden, checks.check_ce_cost_stable,
                  hidden_checks.check_ce_cost_stable_hidden):
        check(ce_true_class)
    for check in (checks.check_bce_from_logits, hidden_checks.check_bce_from_logits_hidden,
                  checks.check_bce_from_logits_saturated, hidden_checks.check_bce_from_logits_saturated_hidden):
        check(logits_logaddexp)


@pytest.mark.parametrize("exercise", sorted(CORRECT))
def test_stub_says_not_implemented(exercise):
    name = exercise.replace("_stable", "").replace("_saturated", "")
    stub.__name__ = name
    with pytest.raises(CheckFailed, match=f"{name} is not implemented yet"):
        getattr(checks, f"check_{exercise}")(stub)
    with pytest.raises(CheckFailed, match="not implemented yet"):
        getattr(hidden_checks, f"check_{exercise}_hidden")(stub)


@pytest.mark.parametrize("exercise, loss", [("mse_cost", "mse"), ("bce_cost", "bce"),
                                            ("bce_cost_stable", "bce"), ("ce_cost", "ce"),
                                            ("ce_cost_stable", "ce")])
def test_handing_the_work_to_nnlib_fails_the_visible_and_the_hidden_check(exercise, loss):
    def hand_off(AL, Y):
        return nnlib.compute_cost(AL, Y, loss)

    name = exercise.replace("_stable", "")
    for check in (getattr(checks, f"check_{exercise}"), getattr(hidden_checks, f"check_{exercise}_hidden")):
        with pytest.raises(CheckFailed, match=f"^{name}(.*)? calls nnlib.compute_cost: this exercise asks"):
            check(hand_off)


def test_a_loss_reached_through_nnlib_LOSSES_is_named_by_its_module():
    loss = nnlib.LOSSES["ce"][0]
    with pytest.raises(CheckFailed, match=re.escape(f"calls {loss.__module__}.{loss.__qualname__}: ")):
        checks.check_ce_cost(lambda AL, Y: float(loss(AL, Y)))


def test_logits_through_sigmoid():
    def through_nnlib_sigmoid(Z, Y):
        return bce_cost(nnlib.sigmoid(Z), Y)

    for check in (checks.check_bce_from_logits, hidden_checks.check_bce_from_logits_hidden):
        with pytest.raises(CheckFailed, match="bce_from_logits calls nnlib.sigmoid"):
            check(through_nnlib_sigmoid)

    def through_sigmoid(Z, Y):
        return bce_cost(np.exp(-np.logaddexp(0.0, -Z)), Y)

    checks.check_bce_from_logits(through_sigmoid)  # moderate logits: right values
    with pytest.raises(CheckFailed, match="clipped probabilities"):
        checks.check_bce_from_logits_saturated(through_sigmoid)


# --------------------------------------------------------------------------- type and mutation

def test_cost_as_a_1x1_array():
    with pytest.raises(CheckFailed, match=r"single number, got an array of shape \(1, 1\)"):
        checks.check_bce_cost(lambda AL, Y: -(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T) / AL.shape[1])


def test_cost_as_a_vector_of_losses():
    with pytest.raises(CheckFailed, match=r"single number, got an array of shape \(3,\)"):
        checks.check_mse_cost(lambda AL, Y: ((AL - Y) ** 2).sum(axis=0) / 2)


def test_cost_that_clips_in_place():
    def in_place(AL, Y):
        np.clip(AL, 1e-16, 1 - 1e-16, out=AL)
        return bce_cost(AL, Y)
    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_bce_cost_stable(in_place)


def test_cost_returning_a_string():
    with pytest.raises(CheckFailed, match="should be a number"):
        checks.check_mse_cost(lambda AL, Y: "0.0113")


# --------------------------------------------------------------------------- MSE

def test_mse_without_one_half():
    with pytest.raises(CheckFailed, match="1/2 in front"):
        checks.check_mse_cost(lambda AL, Y: float(np.mean((AL - Y) ** 2)))


def test_mse_without_m():
    with pytest.raises(CheckFailed, match="divide by m"):
        checks.check_mse_cost(lambda AL, Y: float(np.sum((AL - Y) ** 2) / 2))


def test_mse_divided_by_entries():
    with pytest.raises(CheckFailed, match="not by the number of entries"):
        checks.check_mse_cost(lambda AL, Y: float(np.sum((AL - Y) ** 2) / (2 * AL.size)))


# --------------------------------------------------------------------------- BCE

def test_bce_wrong_sign():
    with pytest.raises(CheckFailed, match="never negative"):
        checks.check_bce_cost(lambda AL, Y: -bce_cost(AL, Y))


def test_bce_missing_negative_class_term():
    with pytest.raises(CheckFailed, match=r"\(1 - Y\) \* log\(1 - AL\) term"):
        checks.check_bce_cost(lambda AL, Y: float(-np.sum(Y * np.log(AL)) / AL.shape[1]))


def test_bce_without_clipping():
    naive = lambda AL, Y: float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / AL.shape[1])
    checks.check_bce_cost(naive)
    hidden_checks.check_bce_cost_hidden(naive)
    with pytest.raises(CheckFailed, match=r"is nan.*0 \* log\(0\)"):
        checks.check_bce_cost_stable(naive)


def test_bce_with_a_guessed_eps():
    def guessed(AL, Y):
        P = np.clip(AL, 1e-12, 1 - 1e-12)
        return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / AL.shape[1])
    with pytest.raises(CheckFailed, match="np.finfo"):
        checks.check_bce_cost_stable(guessed)


def test_bce_with_float64_eps_for_float32_data():
    def float64_eps(AL, Y):
        eps = np.finfo(np.float64).eps
        P = np.clip(AL, eps, 1 - eps)
        return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / AL.shape[1])
    with pytest.raises(CheckFailed, match="float32"):
        checks.check_bce_cost_stable(float64_eps)


# --------------------------------------------------------------------------- CE

def test_ce_mean_over_all_entries():
    with pytest.raises(CheckFailed, match="divide by AL.shape\\[1\\] only"):
        checks.check_ce_cost(lambda AL, Y: float(-np.mean(Y * np.log(AL))))


def test_ce_with_the_bce_formula():
    with pytest.raises(CheckFailed, match="only the Y \\* log\\(AL\\) term"):
        checks.check_ce_cost(lambda AL, Y: bce_cost(AL, Y))


def test_ce_without_clipping():
    naive = lambda AL, Y: float(-np.sum(Y * np.log(AL)) / AL.shape[1])
    checks.check_ce_cost(naive)
    with pytest.raises(CheckFailed, match="is nan.*0 \\* \\(-inf\\)"):
        checks.check_ce_cost_stable(naive)


def test_ce_on_the_right_class_only_without_clipping():
    with pytest.raises(CheckFailed, match="is inf"):
        checks.check_ce_cost_stable(lambda AL, Y: float(-np.mean(np.log(AL[Y == 1]))))


# --------------------------------------------------------------------------- logits

def test_logits_naive_overflows():
    naive = lambda Z, Y: float(np.mean(np.sum(np.log(1 + np.exp(Z)) - Z * Y, axis=0)))
    checks.check_bce_from_logits(naive)
    with pytest.raises(CheckFailed, match="overflows"):
        checks.check_bce_from_logits_saturated(naive)


def test_logits_without_log1p_still_passes():
    # log(1 + exp(-|z|)) instead of log1p: less accurate for large |z|, but within tolerance
    plain_log = lambda Z, Y: float(np.mean(np.sum(np.maximum(Z, 0) - Z * Y + np.log(1 + np.exp(-np.abs(Z))), axis=0)))
    checks.check_bce_from_logits(plain_log)
    checks.check_bce_from_logits_saturated(plain_log)
    hidden_checks.check_bce_from_logits_saturated_hidden(plain_log)


def test_logits_wrong_sign_of_z_y():
    with pytest.raises(CheckFailed, match="max\\(z, 0\\) - z \\* y"):
        checks.check_bce_from_logits(
            lambda Z, Y: float(np.mean(np.maximum(Z, 0) + Z * Y + np.log1p(np.exp(-np.abs(Z))))))


# --------------------------------------------------------------------------- stability checks name other mistakes

def _clipped(AL):
    return np.clip(AL, 1e-16, 1 - 1e-16)


@pytest.mark.parametrize("check, wrong, named", [
    (checks.check_ce_cost_stable, lambda AL, Y: float(-np.sum(Y * np.log(_clipped(AL))) / AL.size),
     "divide by AL.shape[1] only"),
    (checks.check_ce_cost_stable, lambda AL, Y: float(-np.sum(Y * np.log(_clipped(AL)))),
     "divide by m, the number of examples"),
    (checks.check_bce_cost_stable,
     lambda AL, Y: float(np.sum(Y * np.log(_clipped(AL)) + (1 - Y) * np.log(_clipped(1 - AL))) / AL.shape[1]),
     "it is never negative"),
])
def test_a_stability_check_names_a_wrong_divisor_or_sign_not_clipping(check, wrong, named):
    name = "ce_cost" if check is checks.check_ce_cost_stable else "bce_cost"
    with pytest.raises(CheckFailed) as caught:
        check(wrong)
    message = str(caught.value)
    assert message.startswith(f"{name} on the probabilities of its first test (no 0s or 1s")
    assert named in message and "clip AL" not in message
