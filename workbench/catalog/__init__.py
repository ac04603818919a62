"""The exercise catalog: the table, its columns, the outside-library importer, the merged catalog.

Owns ``exercises.csv`` and its column dictionary (``columns``), row validation (``rows``)
and the :class:`~workbench.catalog.table.Catalog` (``table``), free-exercise-db rows and
the words that infer their columns and their MET (``importer``, ``inference``,
``compendium``), the built-in plus imported catalog (``merged``), and finding an exercise
by name (``picklist``). The arrow runs one way: the importer produces rows, the table
validates them (with ``rows``), ``merged`` joins the two.

May import: the ground (``workbench.vocabulary``, ``workbench.domain``, ``workbench.defaults``,
``workbench.language``, ``workbench.paths``) and nothing else of the workbench.
"""

from workbench.catalog.columns import (
    CatalogError,
    ColumnSpec,
    Problem,
    column_names,
    load_column_dictionary,
    required_columns,
)
from workbench.catalog.merged import merged_catalog
from workbench.catalog.rows import validate_rows
from workbench.catalog.table import (
    Catalog,
    builtin_catalog,
    catalog_from_rows,
    exercises_frame,
    load_catalog,
    read_catalog_csv,
)

__all__ = [
    "Catalog",
    "CatalogError",
    "ColumnSpec",
    "Problem",
    "builtin_catalog",
    "catalog_from_rows",
    "column_names",
    "exercises_frame",
    "load_catalog",
    "load_column_dictionary",
    "merged_catalog",
    "read_catalog_csv",
    "required_columns",
    "validate_rows",
]
