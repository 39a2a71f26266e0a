"""The instructor's nbgrader settings on the course hub: the course copy in their home
(NNHUB_COURSE_DIR, made by deploy/setup.sh) with its own nbgrader_config.py, which sets
CourseDirectory.root to its directory. The formgrader needs that root inside the server's root
directory (the instructor's home)."""
import os

c = get_config()  # noqa: F821

course = os.environ.get("NNHUB_COURSE_DIR", "")
if course and os.path.isfile(os.path.join(course, "nbgrader_config.py")):
    load_subconfig(os.path.join(course, "nbgrader_config.py"))  # noqa: F821
# the exchange and course id of the hub win over the course file's
c.Exchange.root = os.environ.get("NNHUB_EXCHANGE", "/srv/nbgrader/exchange")
c.CourseDirectory.course_id = os.environ.get("NNHUB_COURSE_ID", "nn-from-scratch")
