# The course's single-user image for Zero to JupyterHub (deploy/z2jh-values.yaml): the course's
# pinned environment (requirements.lock) with nnlib (and its data), the visible checks, the
# commands and the student notebooks; never solutions/, course/, tests/ or the hidden checks
# (students run this image). From the repository's root:
#
#   docker build -f deploy/singleuser.Dockerfile -t REGISTRY/nn-from-scratch-singleuser:0.1.0 .
#
# NOT BUILT HERE (no container engine where the course is tested). The jupyterhub package must
# match the hub's major version (JUPYTERHUB_VERSION, e.g. the one your chart's hub image runs).
FROM quay.io/jupyter/base-notebook:python-3.11

ARG JUPYTERHUB_VERSION=6.1.1
USER root
RUN mkdir -p /opt/nn-course && chown "${NB_UID}:${NB_GID}" /opt/nn-course
USER ${NB_UID}
WORKDIR /opt/nn-course
COPY --chown=${NB_UID}:${NB_GID} pyproject.toml requirements.lock README.md nbgrader_config.py ./
COPY --chown=${NB_UID}:${NB_GID} nnlib ./nnlib
COPY --chown=${NB_UID}:${NB_GID} nncourse ./nncourse
COPY --chown=${NB_UID}:${NB_GID} nnplayground ./nnplayground
# the visible checks only: the hidden ones stay with the instructor
COPY --chown=${NB_UID}:${NB_GID} nnchecks ./nnchecks
RUN rm -rf nnchecks/hidden
COPY --chown=${NB_UID}:${NB_GID} notebooks ./notebooks
RUN grep -v '^jupyterhub==' requirements.lock > /tmp/constraints.txt \
 && pip install --no-cache-dir -c /tmp/constraints.txt -e ".[course]" "jupyterhub==${JUPYTERHUB_VERSION}" \
 && rm /tmp/constraints.txt
WORKDIR /home/${NB_USER}
