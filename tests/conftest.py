"""Shared test set-up: ``tests/`` is on the import path, so ``strategies`` (the one place
the property tests keep their hypothesis strategies) imports from every test folder.

Tests mirror the package: ``tests/catalog/`` tests :mod:`workbench.catalog`,
``tests/client/`` tests :mod:`workbench.client`, and so on; tests of the whole project
(docs, lock, notebooks, the layout) stay at the top.
"""
