"""nbgrader settings of every user's server on the course hub (deploy/jupyterhub_config.py puts
this directory on JUPYTER_CONFIG_PATH and sets the variables)."""
import os

c = get_config()  # noqa: F821

c.Exchange.root = os.environ.get("NNHUB_EXCHANGE", "/srv/nbgrader/exchange")
c.CourseDirectory.course_id = os.environ.get("NNHUB_COURSE_ID", "nn-from-scratch")
