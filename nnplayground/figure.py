"""The playground's picture: one matplotlib figure, drawn again for every frame.

Three panels: the data with the network's output over the plane (the decision boundary; for
the study-hours regression the predicted grade), the cost per step, and each layer's weight
gradient norm per step. The figure is made once on an Agg canvas (no pyplot, no GUI). A frame
redraws only what changes (the shading, the curves, the regression's labels) over a saved background; the
axes, ticks and labels are drawn again only when a curve outgrows its axis limits, which grow
in powers of 2 (steps) and of 10 (costs and norms).
"""
import io
import math

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, MaxNLocator, NullLocator
from PIL import Image

GRID = 60  # the plane is shaded on GRID x GRID points
MAX_POINTS = 1000  # longest curve drawn; longer histories are thinned evenly


def _thin(values):
    """(steps, values) with at most MAX_POINTS entries, the last one kept."""
    n = len(values)
    index = np.unique(np.linspace(0, n - 1, min(n, MAX_POINTS)).astype(int)) if n else np.arange(0)
    return index + 1, np.asarray(values)[index]


def _decades(values, default=(1e-3, 1.0)):
    """Log-axis limits: the powers of 10 around the positive finite values."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values) & (values > 0)]
    if not values.size:
        return default
    low, high = math.floor(math.log10(values.min()) - 0.1), math.ceil(math.log10(values.max()) + 0.1)
    return 10.0 ** low, 10.0 ** max(high, low + 1)


class PlaygroundFigure:
    """The figure of one session's data set: ``image(session)`` draws the session's state now."""

    def __init__(self, session, dpi=80):
        self.dpi = dpi
        self.figure = Figure(figsize=(10, 3.4), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self.plane, self.cost, self.gradients = self.figure.subplots(
            1, 3, gridspec_kw=dict(width_ratios=(1, 1.25, 1.25), left=0.06, right=0.99, bottom=0.15,
                                   top=0.9, wspace=0.28))
        X, Y = session.X, session.Y
        pad = 0.15 * (X.max(axis=1) - X.min(axis=1)) + 0.1
        low, high = X.min(axis=1) - pad, X.max(axis=1) + pad
        g0, g1 = np.linspace(low[0], high[0], GRID), np.linspace(low[1], high[1], GRID)
        self.grid = np.vstack([a.ravel() for a in np.meshgrid(g0, g1)])  # (2, GRID**2)
        self.regression = session.loss == "mse"
        extent = (low[0], high[0], low[1], high[1])
        self.labels = []
        if self.regression:  # grades: one colour scale for the targets and the predictions
            self.range, cmap, alpha = (Y.min() - 0.1, Y.max() + 0.1), colormaps["viridis"], 0.6
            points = [self.plane.scatter(X[0], X[1], c=Y[0], s=60, edgecolors="k", cmap=cmap,
                                         vmin=self.range[0], vmax=self.range[1])]
            self.labels = [self.plane.annotate("", (x0, x1), xytext=(4, 4), textcoords="offset points",
                                               fontsize=8) for x0, x1 in X.T]
            self.plane.set_title("predicted grade (target → prediction)")
            self.plane.set_xlabel("hours slept (scaled)")
            self.plane.set_ylabel("hours studied (scaled)")
        else:
            self.range, cmap, alpha = (0.0, 1.0), colormaps["coolwarm"], 0.45
            size = 3.5 if X.shape[1] > 10 else 9
            points = [self.plane.plot(*X[:, Y[0] == label], "o", color=cmap(float(label)), markersize=size,
                                      markeredgecolor="k", markeredgewidth=0.3)[0] for label in (0, 1)]
            self.plane.set_title(f"{session.settings.data}: network output")
            self.plane.set_xlabel("$x_1$")
            self.plane.set_ylabel("$x_2$")
        # the colours of 256 output levels, blended with white: the shading is an RGBA image
        # drawn pixel for pixel (no colormap, alpha or interpolation work per frame)
        self.colours = (255 * (alpha * cmap(np.linspace(0, 1, 256)) + 1 - alpha)).astype(np.uint8)  # RGBA
        self.shade = self.plane.imshow(self.colours[np.zeros((GRID, GRID), int)], origin="lower",
                                       extent=extent, aspect="auto", interpolation="nearest")
        self.plane.xaxis.set_major_locator(MaxNLocator(4))
        self.plane.yaxis.set_major_locator(MaxNLocator(4))
        self.cost_line, = self.cost.plot([], [], color="C0")
        L = len(session.layer_dims) - 1
        self.norm_lines = [self.gradients.plot([], [], color=f"C{l % 10}", label=f"layer {l + 1}")[0]
                           for l in range(L)]
        self.gradients.legend(fontsize=7, loc="upper right", ncols=2)
        for ax, label in ((self.cost, "cost"), (self.gradients, "gradient norm")):
            ax.set_yscale("log")
            ax.set_xlabel("step")
            ax.set_ylabel(label)
            ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
            ax.yaxis.set_major_locator(LogLocator(numticks=5))
            ax.yaxis.set_minor_locator(NullLocator())  # minor ticks cost more to draw than all the rest
        self.cost.set_title("cost per step")
        self.gradients.set_title("‖dW[l]‖ per layer and step")
        for ax in (self.plane, self.cost, self.gradients):
            ax.tick_params(labelsize=8)
            ax.title.set_fontsize(10)
        self.moving = [self.shade, *points, self.cost_line, *self.norm_lines, *self.labels]  # in drawing order
        for artist in self.moving:
            artist.set_animated(True)
        self.limits, self.background = None, None

    def update(self, session):
        """Put the session's current state into the artists; True when the axis limits changed."""
        output = session.predict(self.grid)[0].reshape(GRID, GRID)
        low, high = self.range
        levels = np.clip(np.rint(255 * (output - low) / (high - low)), 0, 255).astype(int)
        self.shade.set_data(self.colours[levels])
        if self.regression:
            predicted = session.predict(session.X)[0]
            for label, a, y in zip(self.labels, predicted, session.Y[0]):
                label.set_text(f"{100 * y:.0f} → {100 * a:.1f}")
        steps, costs = _thin(session.costs)
        self.cost_line.set_data(steps, costs)
        norms = np.array(session.norms) if session.norms else np.zeros((0, len(self.norm_lines)))
        for l, line in enumerate(self.norm_lines):
            steps, values = _thin(norms[:, l])
            line.set_data(steps, np.maximum(values, 1e-12))  # a dead layer's 0 at the bottom of the log scale
        limits = (2 ** max(6, math.ceil(math.log2(max(len(session.costs), 1)))),
                  _decades(session.costs), _decades(np.maximum(norms, 1e-12)))
        if limits == self.limits:
            return False
        self.limits = limits
        self.cost.set_xlim(0, limits[0])
        self.gradients.set_xlim(0, limits[0])
        self.cost.set_ylim(*limits[1])
        self.gradients.set_ylim(*limits[2])
        return True

    def image(self, session, format="png"):
        """The figure for the session's state now, as PNG bytes (or "jpeg": smaller and faster
        to encode, for the live frames)."""
        if self.update(session) or self.background is None:
            self.canvas.draw()  # everything but the moving artists
            self.background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self.canvas.restore_region(self.background)
        for artist in self.moving:
            self.figure.draw_artist(artist)
        picture = Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba())
        buffer = io.BytesIO()
        if format == "jpeg":
            picture.convert("RGB").save(buffer, format="jpeg", quality=85)
        else:
            picture.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
