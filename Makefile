# Two commands for a newcomer, each doing its own set-up in a local .venv:
#   make lab    set up, then open the notebook collection in JupyterLab
#   make test   set up, then run the whole test suite (lint, unit, doctests, notebooks, browser)
#   make class  set up, then start a class on a local JupyterHub and print the links to hand out
#   make lite   build the JupyterLite site (the collection in the browser, no server) in lite/_output

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: lab test bench class lite clean

# An editable install leaves out pyproject's data-files (Voilà's template and its config, see
# share/ and etc/): they are copied into the environment's prefix, where a normal install puts them.
JUPYTER_DATA := $(shell find share etc -type f)

$(STAMP): pyproject.toml $(JUPYTER_DATA)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,classroom]'
	for f in $(JUPYTER_DATA); do mkdir -p $(VENV)/$$(dirname $$f) && cp $$f $(VENV)/$$f; done
	touch $(STAMP)

# JupyterLite's build tools, kept out of the project's dependencies (lite/requirements.txt).
LITE_STAMP := $(VENV)/.lite-installed
$(LITE_STAMP): $(STAMP) lite/requirements.txt
	$(PY) -m pip install --quiet -r lite/requirements.txt
	touch $(LITE_STAMP)

# The deployable site: every notebook, mathkit's wheel through piplite, Pyodide from its CDN.
lite: $(LITE_STAMP)
	$(PY) lite/build_site.py --output lite/_output

# JupyterLab refuses to start as root (a container, a classroom VM) without --allow-root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(ALLOW_ROOT) notebooks/00-start-here.ipynb

test: $(STAMP) $(LITE_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval-sanitize.cfg \
		tests mathkit notebooks

# A JupyterHub on 127.0.0.1 with demo accounts (classroom/): needs git and npm (for the proxy).
class: $(STAMP)
	$(PY) -m classroom

bench: $(STAMP)
	for script in benchmarks/bench_*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) test-output lite/_output lite/.cache lite/node_modules lite/.jupyterlite.doit.db
