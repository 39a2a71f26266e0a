"""``playground(...)``: the cell that shows the playground, live or as one static figure.

Live only when the cell was run from a notebook frontend that renders widgets: JupyterLab and
Notebook 7 name the cell in the execute request's metadata (``cellId``); nbclient, nbval,
nbgrader and ``jupyter nbconvert --execute`` do not. Otherwise, and outside a kernel, the cell
shows one figure, deterministic for its arguments, and prints its summary line (settings,
steps, first and last cost, accuracy); it stores no widget.
"""
import base64

from IPython import get_ipython
from IPython.display import display

from .figure import PlaygroundFigure
from .session import Session, Settings


def live_frontend():
    """True when the running cell was sent by a widget-rendering notebook frontend (see above)."""
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None or not (kernel.get_parent("shell") or {}).get("metadata", {}).get("cellId"):
        return False  # decided before importing ipywidgets, which a static figure does not need
    try:
        import ipywidgets  # noqa: F401  (the course extra has it; without it, no live playground)
    except ImportError:
        return False
    return True


def playground(data="planar", hidden_layers=2, units=8, activation="tanh", init="xavier", optimizer="gd",
               learning_rate=0.3, batch_size=None, seed=0, steps=300, forward=None, backward=None,
               gradient_norms=None, dead_units=None):
    """Train ``steps`` steps with these settings, then show the playground (live) or its figure.

    data: "planar", "xor", "circles", "moons" or "study hours"; ``hidden_layers`` layers of
    ``units`` units with the hidden ``activation``; ``init``, ``optimizer``, ``learning_rate``,
    ``batch_size`` (None: full batch) and ``seed`` as for ``nnlib.train``. The output layer and
    loss follow the targets (``nnlib.diagnostics.output_layer_for``). ``forward``, ``backward``
    (the signatures of nnlib.model_forward and model_backward), ``gradient_norms`` (grads -> (L,))
    and ``dead_units`` (X, parameters -> (L-1,)) are the learner's own, used while they work.
    Shows, and returns nothing (a returned widget would be shown twice as the cell's value).
    """
    settings = Settings(data=data, hidden_layers=hidden_layers, units=units, activation=activation,
                        init=init, optimizer=optimizer, learning_rate=learning_rate,
                        batch_size=batch_size, seed=seed)
    own = dict(forward=forward, backward=backward, gradient_norms=gradient_norms, dead_units=dead_units)
    session = Session(settings, **own)
    session.step(steps)
    figure = PlaygroundFigure(session)
    png = figure.image(session)
    if live_frontend():
        from .widget import Playground

        display(Playground(session, figure, png, **own))
    else:
        display({"image/png": base64.b64encode(png).decode("ascii"), "text/plain": session.summary()},
                raw=True)
        print(session.summary())
    for note in session.notes:
        print(note)
