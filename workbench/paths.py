"""Where the workbench's files live. All paths are absolute; nothing here reads them.

The project is installed editable, so the repository root (with ``exercises.csv`` and
its column dictionary) is reachable from the package.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The package directory, ``workbench/``.
PACKAGE_DIR = Path(__file__).resolve().parent

#: The repository root (one level above the package).
REPO_ROOT = Path(__file__).resolve().parents[1]

#: The built-in exercise catalog, one row an exercise.
BUILTIN_CATALOG = REPO_ROOT / "exercises.csv"

#: The catalog's column dictionary: column, type, unit, allowed, required, description.
COLUMN_DICTIONARY = REPO_ROOT / "exercises.columns.csv"

#: Bundled copy of free-exercise-db (public domain, Unlicense), read by the importer.
FREE_EXERCISE_DB = PACKAGE_DIR / "data" / "free-exercise-db" / "exercises.json"


def default_store_path() -> Path:
    """Where the client record store lives when no path is given.

    ``$WORKBENCH_STORE`` when set, else ``$XDG_DATA_HOME/workbench/store.sqlite``, else
    ``~/.local/share/workbench/store.sqlite`` (the XDG default). Nothing is created here
    (:meth:`workbench.records.Store.open` creates the directory and the file).
    """
    explicit = os.environ.get("WORKBENCH_STORE")
    if explicit:
        return Path(explicit).expanduser().resolve()
    data_home = os.environ.get("XDG_DATA_HOME")
    base = Path(data_home).expanduser() if data_home else Path.home() / ".local" / "share"
    return (base / "workbench" / "store.sqlite").resolve()
