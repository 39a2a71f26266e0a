"""nnplayground: the course's playground, one interactive widget to watch a network learn.

``playground(...)`` (module ``show``) trains a network on a toy data set and shows it: live
controls around a figure that redraws while it trains (``widget``), or one static figure under
nbclient, nbval and nbgrader. ``session`` holds the network trained step by step with nnlib;
``figure`` draws it. nnlib stays the reference implementation and knows nothing of this package.
"""
from .session import DATASETS, Session, Settings
from .show import live_frontend, playground

__all__ = ["DATASETS", "Session", "Settings", "live_frontend", "playground"]
