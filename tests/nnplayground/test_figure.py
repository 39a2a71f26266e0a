"""nnplayground.figure: PNG and JPEG frames of a session, the same for the same state, redrawn
over a saved background until an axis must grow."""
import io

import numpy as np
import pytest
from PIL import Image

from nnplayground.figure import PlaygroundFigure
from nnplayground.session import DATASETS, Session, Settings


def _pixels(data):
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=int)


@pytest.mark.parametrize("data", list(DATASETS))
def test_every_data_set_draws(data):
    session = Session(Settings(data=data))
    session.step(50)
    figure = PlaygroundFigure(session)
    png = figure.image(session)
    assert png.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png)).size == (800, 272)
    assert figure.image(session, "jpeg").startswith(b"\xff\xd8")


def test_same_state_same_picture_and_training_changes_it():
    one, two = Session(Settings()), Session(Settings())
    one.step(100)
    two.step(100)
    first = PlaygroundFigure(one).image(one)
    assert first == PlaygroundFigure(two).image(two)
    figure = PlaygroundFigure(one)
    figure.image(one)
    one.step(20)
    assert not figure.update(one) and figure.limits[0] == 128  # 120 steps: the axes did not grow
    after = figure.image(one)
    assert np.abs(_pixels(after) - _pixels(first)).sum() > 0
    # drawn over the saved background, the frame is what a full drawing of the same state gives
    fresh = PlaygroundFigure(one)
    np.testing.assert_array_equal(_pixels(fresh.image(one)), _pixels(after))
    assert fresh.limits == figure.limits


def test_axes_grow_when_the_curves_outgrow_them():
    session = Session(Settings())
    figure = PlaygroundFigure(session)
    figure.image(session)
    assert figure.limits[0] == 64
    session.step(65)
    assert figure.update(session) and figure.limits[0] == 128
    low, high = figure.limits[1]
    assert low <= min(session.costs) and max(session.costs) <= high
