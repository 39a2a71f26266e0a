"""The live playground: ipywidgets controls around the figure, training in the background.

Training runs as an asyncio task on the kernel's own event loop: each frame takes a few steps
(about FRAME_SECONDS * TRAIN_SHARE of compute), draws the figure and awaits a short sleep, so
the kernel answers the controls and runs other cells in between. Nothing runs in another
thread. The task stops with the Stop button, when the cost overflows, and when the last view of
the widget goes away (the cell is cleared or run again, the notebook closed).
"""
import asyncio
import base64
import time

import ipywidgets as w

from .figure import PlaygroundFigure
from .session import ACTIVATIONS, DATASETS, INITS, OPTIMIZERS, Session, Settings

FRAME_SECONDS = 0.1  # at most 10 frames a second
TRAIN_SHARE = 0.4  # of a frame's time, spent on training steps
BATCH_SIZES = (("full batch", 0), ("1 (SGD)", 1), ("8", 8), ("32", 32), ("64", 64))  # 0: None, full batch
RATE_STEPS = (1, 1.5, 2, 3, 5, 7)  # per power of 10, from 0.001 to 100


def _rates(given):
    """The learning-rate slider's (label, value) pairs: RATE_STEPS in every decade, and ``given``."""
    rates = {round(step * 10.0 ** power, 6) for power in range(-3, 3) for step in RATE_STEPS} | {given}
    return [(f"{rate:g}", rate) for rate in sorted(r for r in rates if r <= 100)]


class Playground:
    """Controls, the figure (an ipywidgets.Image: the cell's PNG, then JPEG frames) and a status line.

    ``session`` and ``figure`` are the state the cell already drew, ``png`` that drawing;
    ``own`` the learner's functions for ``Session`` (forward, backward, ...).
    """

    def __init__(self, session, figure, png, **own):
        self.session, self.figure, self.own = session, figure, own
        self.static_png, self.frames, self.task = png, 0, None
        s = session.settings
        style = {"description_width": "110px"}
        cell = w.Layout(width="270px")
        self.controls = {
            "data": w.Dropdown(options=list(DATASETS), value=s.data, description="data", style=style, layout=cell),
            # a new network only when the slider is let go, not at every unit passed on the way
            "hidden_layers": w.IntSlider(value=s.hidden_layers, min=1, max=4, description="hidden layers",
                                         continuous_update=False, style=style, layout=cell),
            "units": w.IntSlider(value=s.units, min=1, max=16, description="units", continuous_update=False,
                                 style=style, layout=cell),
            "activation": w.Dropdown(options=ACTIVATIONS, value=s.activation, description="activation",
                                     style=style, layout=cell),
            "init": w.Dropdown(options=INITS, value=s.init, description="init", style=style, layout=cell),
            "optimizer": w.Dropdown(options=OPTIMIZERS, value=s.optimizer, description="optimizer",
                                    style=style, layout=cell),
            "learning_rate": w.SelectionSlider(options=_rates(s.learning_rate), value=s.learning_rate,
                                               description="learning rate α", style=style,
                                               layout=cell),
            "batch_size": w.Dropdown(options=BATCH_SIZES, value=s.batch_size or 0, description="batch size",
                                     style=style, layout=cell),
            "seed": w.BoundedIntText(value=s.seed, min=0, max=9999, description="seed", style=style,
                                     layout=cell),
        }
        self.start_button = w.Button(description="Start", icon="play", button_style="success",
                                     layout=w.Layout(width="100px"))
        self.reset_button = w.Button(description="Reset", icon="refresh", layout=w.Layout(width="100px"))
        self.image = w.Image(value=png, format="png", layout=w.Layout(width="800px"))
        self.status = w.HTML()
        self.start_button.on_click(lambda _: self.stop() if self.running else self.start())
        self.reset_button.on_click(lambda _: self.reset())
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        grid = w.GridBox(list(self.controls.values()),
                         layout=w.Layout(grid_template_columns="repeat(3, 280px)", grid_gap="2px 8px"))
        buttons = w.HBox([self.start_button, self.reset_button, self.status],
                         layout=w.Layout(align_items="center", margin="4px 0"))
        self.box = w.VBox([grid, buttons, self.image])
        self.box.add_class("nn-playground")
        self.box._view_count = 0  # the frontend counts the views it shows (ipywidgets)
        self.box.observe(self._views_changed, names="_view_count")
        self._show_status()

    # ----------------------------------------------------------------- display

    def _repr_mimebundle_(self, **kwargs):
        """The widget, with the static figure and the summary as fallbacks for other frontends."""
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self.static_png).decode("ascii")
        bundle["text/plain"] = self.session.summary()
        return bundle

    def _show_status(self, extra=""):
        session = self.session
        score, name = session.score()
        shown = f"{score:.1%}" if name == "accuracy" else f"{score:.4f}"
        cost = f"{session.costs[-1]:.4f}" if session.costs else "–"
        dead = session.dead_units()
        parts = [f"step <b class='nn-step'>{len(session.costs)}</b>",
                 f"α = <span class='nn-alpha'>{session.learning_rate:.3g}</span>",
                 f"cost <b class='nn-cost'>{cost}</b>", f"{name} {shown}"]
        if dead is not None:
            parts.append(f"dead units {dead.tolist()}")
        if session.diverged:
            parts.append("<b>the cost overflowed: lower α, then Reset</b>")
        parts += [*session.notes, *([extra] if extra else [])]
        self.status.value = " · ".join(parts)

    def _draw(self):
        self.image.format = "jpeg"
        self.image.value = self.figure.image(self.session, "jpeg")
        self.frames += 1

    # ----------------------------------------------------------------- controls

    def _settings(self):
        values = {name: control.value for name, control in self.controls.items()}
        return Settings(**{**values, "batch_size": values["batch_size"] or None})

    def _changed(self, change):
        control = next(k for k, c in self.controls.items() if c is change["owner"])
        if control == "learning_rate":
            self.session.learning_rate = change["new"]
        elif control == "optimizer":
            self.session.set_optimizer(change["new"])
        elif control == "batch_size":
            self.session.set_batch_size(change["new"] or None)
        else:
            self.reset()
            return
        self._show_status()

    def reset(self):
        """A new network from the controls' settings (the training goes on if it was running)."""
        self.session = Session(self._settings(), **self.own)
        self.figure = PlaygroundFigure(self.session)
        self._draw()
        self._show_status()

    # ----------------------------------------------------------------- training

    @property
    def running(self):
        return self.task is not None and not self.task.done()

    def start(self):
        """Train in the background until stop()."""
        if not self.running:
            self.task = asyncio.get_event_loop().create_task(self._train())
            self.start_button.description, self.start_button.icon = "Stop", "stop"
            self.start_button.button_style = "warning"

    def stop(self):
        if self.running:
            self.task.cancel()
        self.start_button.description, self.start_button.icon = "Start", "play"
        self.start_button.button_style = "success"

    async def _train(self):
        started, first = time.monotonic(), self.frames
        try:
            while not self.session.diverged:
                frame = time.monotonic()
                steps = 0
                while steps == 0 or time.monotonic() - frame < FRAME_SECONDS * TRAIN_SHARE:
                    self.session.step(5)
                    steps += 5
                self._draw()
                rate = (self.frames - first) / max(time.monotonic() - started, 1e-9)
                self._show_status(f"{rate:.1f} frames/s")
                await asyncio.sleep(max(0.01, FRAME_SECONDS - (time.monotonic() - frame)))
        except Exception as error:  # e.g. the learner's function misbehaving: say it, do not die silently
            self._show_status(f"stopped: {type(error).__name__}: {error}")
        finally:
            self.task = None
            self.stop()

    def _views_changed(self, change):
        if (change["old"] or 0) >= 1 and change["new"] == 0:
            self.stop()
