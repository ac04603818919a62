#!/usr/bin/env bash
# The workbench's commands (see README.md):
#   ./dev.sh open    set everything up and open JupyterLab on notebooks/
#   ./dev.sh test    set everything up and run the whole test suite (lint, unit, notebooks, browser)
#   ./dev.sh app     set everything up and serve the design app with Voila
#   ./dev.sh bench   set everything up and run the planner benchmark
#   ./dev.sh lock    refresh requirements.lock from pyproject.toml (on purpose; then run
#                    ./dev.sh test and commit the lock with the tests' result)
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}

setup() {
  if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "dev.sh: Python 3.11 or newer is needed as '$PY' (set PYTHON=...)" >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    if ! "$PY" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        "$PY" -m venv .venv
      else
        echo "dev.sh: cannot create a virtual environment; install python3-venv" >&2
        exit 1
      fi
    fi
  fi
  # Exact versions from requirements.lock (compiled from pyproject.toml), so every fresh
  # set-up gets what the tests last passed on; reinstall only when the lock changed.
  stamp=$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)
  if [ "$(cat .venv/.setup-stamp 2>/dev/null)" != "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -r requirements.lock
    .venv/bin/python -m pip install -q --no-deps -e .
    echo "$stamp" > .venv/.setup-stamp
  fi
}

root_flag() { if [ "$(id -u)" = 0 ]; then echo "--allow-root"; fi; }

case "${1:-}" in
  open)
    setup
    # the handout's and the doctor's brief's PDFs are printed by headless Chromium
    bash scripts/ensure_chromium.sh || echo "dev.sh: PDFs need Chromium (HTML exports work without it)" >&2
    exec .venv/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(root_flag) ;;
  test)
    setup
    bash scripts/ensure_chromium.sh
    bash scripts/ensure_postgresql.sh  # the store's tests run on a real PostgreSQL too
    .venv/bin/ruff check .
    .venv/bin/ruff format --check .
    exec .venv/bin/pytest -p no:cacheprovider --nbval-lax tests notebooks ;;
  app)
    setup
    bash scripts/ensure_chromium.sh || echo "dev.sh: PDFs need Chromium (HTML exports work without it)" >&2
    # the workbench's page template (share/jupyter/voila/templates/workbench): Voila's
    # lab template without its CDN links, so the page asks for nothing from outside
    export JUPYTER_PATH="$PWD/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
    exec .venv/bin/voila notebooks/app.ipynb --template=workbench --Voila.ip=127.0.0.1 \
      --MappingKernelManager.cull_idle_timeout=600 --MappingKernelManager.cull_interval=60 ;;
  bench)
    setup
    exec .venv/bin/python benchmarks/bench_planner.py "${@:2}" ;;
  lock)
    # uv resolves pyproject.toml (with the test extra) for every platform and Python the
    # project allows; it lives in its own venv, not in the workbench's
    if [ ! -x .lock-venv/bin/uv ]; then
      "$PY" -m venv .lock-venv && .lock-venv/bin/python -m pip install -q "uv==0.13.9"
    fi
    exec .lock-venv/bin/uv pip compile pyproject.toml --extra test --universal \
      --python-version 3.11 --quiet -o requirements.lock ;;
  *)
    echo "usage: ./dev.sh open|test|app|bench|lock" >&2
    exit 2 ;;
esac
