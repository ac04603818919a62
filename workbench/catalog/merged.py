"""The merged catalog: the built-in rows plus every free-exercise-db entry, validated as one.

May import the table and the importer; neither imports this module.
"""

from __future__ import annotations

from functools import cache

from workbench.catalog.importer import import_free_exercise_db
from workbench.catalog.table import Catalog, read_catalog_csv, validate_rows
from workbench.paths import BUILTIN_CATALOG


@cache
def merged_catalog() -> Catalog:
    """The built-in catalog plus every free-exercise-db entry, loaded once per process.

    Imported rows are validated by the same code and carry ``needs_review``; their row
    numbers continue after the built-in rows. Ids must not collide.
    """
    header, rows, problems = read_catalog_csv(BUILTIN_CATALOG)
    imported = import_free_exercise_db()
    start = (rows[-1][0] if rows else 1) + 1
    header = list(dict.fromkeys([*header, *(k for row in imported for k in row)]))
    source = f"{BUILTIN_CATALOG.name} + free-exercise-db"
    numbered = [*rows, *enumerate(imported, start=start)]
    return Catalog(validate_rows(header, numbered, source, problems), source)
