"""A JupyterLab server extension for `make lab`: ``GET /api/status`` answers without the token.

jupyter_server asks for the token even on its status endpoint, so a script, a CI job or a new
user's ``curl`` cannot tell that the course's JupyterLab is up without first finding the token
in its log. This extension serves the same four fields (start time, last activity, number of
kernels and of connections) without authentication; every other URL still needs the token.
"""
import json

from jupyter_core.utils import ensure_async
from jupyter_server._tz import isoformat
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join


class PublicStatusHandler(APIHandler):
    """``/api/status`` for anyone who can reach the server (127.0.0.1 by default)."""

    _track_activity = False

    @allow_unauthenticated
    async def get(self):
        kernels = await ensure_async(self.kernel_manager.list_kernels())
        self.finish(json.dumps({
            "started": isoformat(self.settings["started"]),
            "last_activity": isoformat(self.application.last_activity()),
            "kernels": len(kernels),
            "connections": sum(k["connections"] for k in kernels),
        }, sort_keys=True))


def _jupyter_server_extension_points():
    return [{"module": "lab_status"}]


def _load_jupyter_server_extension(serverapp):
    route = url_path_join(serverapp.web_app.settings["base_url"], "/api/status")
    serverapp.web_app.add_handlers(".*$", [(route, PublicStatusHandler)])
