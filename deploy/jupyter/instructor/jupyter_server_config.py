"""The instructor's server on the course hub.

JupyterLab shows the formgrader in an iframe; JupyterHub's default header for single-user
servers, `Content-Security-Policy: frame-ancestors 'none'`, blanks it (jupyter/nbgrader#1870).
With per-user subdomains (NNHUB_SUBDOMAIN_HOST, which sets NNHUB_FRAME_SELF) 'self' is this
server's own origin and no one else's, so allowing it is safe; on a shared origin it is not
(jupyter/nbgrader#1947), and the formgrader is then opened in its own tab instead.
"""
import os

c = get_config()  # noqa: F821

if os.environ.get("NNHUB_FRAME_SELF") == "1":
    c.ServerApp.tornado_settings = {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}
