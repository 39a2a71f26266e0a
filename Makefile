# The course's commands. Every target creates .venv and installs into it when needed, so a
# fresh clone needs nothing but Python 3.11 and make: `make lab` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# nbgrader shells out to alembic: the environment's bin/ must be on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)
# One BLAS thread per process: the course's matrices are small, the test suite runs two
# workers on two cores, and stored notebook outputs must not depend on the thread count.
# (make bench leaves BLAS its default threads.)
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
LAB_ARGS ?=
LAB_DIR ?= notebooks
# Jupyter refuses to run as root (containers, CI) unless told to.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
JOBS ?= 2

.PHONY: help lab check solution test check-notes test-hub hub bench solutions release collect zip-collect autograde feedback grades report clean

help:
	@echo "make lab        open the course (notebooks/) in JupyterLab"
	@echo "make check NB=03_cost     score your own notebook (all notebooks without NB)"
	@echo "make solution NB=03_cost  copy the worked solution to notebooks/worked_solutions/"
	@echo "make test       run every test: nnlib, notebooks (nbval), release, autograding"
	@echo "make check-notes  check the glossary against the source notes (NN_SOURCE_NOTES=their folder)"
	@echo "make test-hub   the course on JupyterHub, end to end (as root: creates and removes users)"
	@echo "make hub        serve the course to a class with JupyterHub (as root, after deploy/setup.sh)"
	@echo "make bench      benchmarks: training speed (and docs/bench_scaling.png), whole-course run time, grading throughput, playground"
	@echo "make solutions  rebuild and execute solutions/ from course/ sources"
	@echo "make release    regenerate notebooks/ from solutions/ with nbgrader (A=03_cost for one)"
	@echo "make collect | zip-collect | autograde | feedback  A=03_cost   the instructor pipeline"
	@echo "make grades     export every grade to grades.csv (LMS=canvas or LMS=moodle: that LMS's import CSV)"
	@echo "make report     the class report, report.html (A=03_cost for one assignment)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $@

$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev,bench]"
	touch $@

# JupyterLab defaults for the course (no "fetch Jupyter news?" pop-up, no update check: it runs offline)
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
$(LAB_SETTINGS): tools/lab/overrides.json | $(VENV)/.installed
	mkdir -p $(dir $@) && cp $< $@

lab: $(VENV)/.installed $(LAB_SETTINGS)
	$(BIN)/jupyter lab --ServerApp.root_dir=$(LAB_DIR) $(ROOT_FLAG) $(LAB_ARGS)

check: $(VENV)/.installed
	$(BIN)/nn-check $(NB)

solution: $(VENV)/.installed
	@test -n "$(NB)" || { echo "usage: make solution NB=03_cost"; exit 2; }
	$(BIN)/nn-solution $(NB)

# Debian packages the tests and grading need: Chromium (browser tests), bubblewrap (the grading
# sandbox), acl (exchange test); installed with apt-get as root when missing
$(VENV)/.system-installed: tools/install_system_packages.sh | $(VENV)/.installed
	sh tools/install_system_packages.sh || { [ "$$CI" != true ] && echo "continuing without them: the tests that need them will skip"; }
	touch $@

test: $(VENV)/.installed $(VENV)/.system-installed
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg solutions tests --ignore=tests/deploy/test_hub.py -m "not source_notes"

# what the course says about the source notes, checked against their text (NN_SOURCE_NOTES=folder)
check-notes: $(VENV)/.installed
	$(BIN)/python -m pytest -m source_notes tests/test_glossary.py

test-hub: $(VENV)/.installed $(VENV)/.system-installed
	$(BIN)/python -m pytest -ra tests/deploy

hub: $(VENV)/.installed
	$(BIN)/jupyterhub -f deploy/jupyterhub_config.py

bench: $(VENV)/.bench-installed
	env -u OPENBLAS_NUM_THREADS -u OMP_NUM_THREADS $(BIN)/python -m bench.bench_train
	env -u OPENBLAS_NUM_THREADS -u OMP_NUM_THREADS $(BIN)/python -m bench.bench_scaling
	$(BIN)/python -m bench.bench_course
	$(BIN)/python -m bench.bench_grading
	$(BIN)/python -m bench.bench_grading_cost
	$(BIN)/python -m bench.bench_playground

solutions: $(VENV)/.installed
	$(BIN)/nn-build

# Instructor pipeline (README, "Instructor guide"): make autograde A=03_cost
# (A empty for release = every assignment). Each step says what it did and exits 1 only when
# the instructor must act.
A ?=
GRADE_JOBS ?= 0
need-a = $(if $(A),,$(error say which assignment: make $@ A=03_cost))

release: $(VENV)/.installed
	$(BIN)/nn-release $(A) $(if $(EXCHANGE),--exchange)

collect: $(VENV)/.installed
	$(need-a)$(BIN)/nn-collect $(A)

zip-collect: $(VENV)/.installed
	$(need-a)$(BIN)/nn-zip-collect $(A) $(ZIP)

autograde: $(VENV)/.installed
	$(need-a)$(BIN)/nn-autograde $(A) --jobs $(GRADE_JOBS)

feedback: $(VENV)/.installed
	$(need-a)$(BIN)/nn-feedback $(A) $(if $(EXCHANGE),--release)

grades: $(VENV)/.installed
	$(BIN)/nn-grades $(if $(LMS),--format $(LMS) --out grades-$(LMS).csv,--out grades.csv)

report: $(VENV)/.installed
	$(BIN)/nn-report $(A)

clean:
	rm -rf $(VENV) gradebook.db .pytest_cache
