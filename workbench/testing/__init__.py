"""Public helpers to check plans the way the tests do, and synthetic clients.

Owns assertions built on the independent verifier (a plan keeps every rule) and the
synthetic client and catalog generators (``synthetic``) used by tests, benchmarks and
outside users alike.

May import: everything below the user interfaces; never :mod:`workbench.ui` or
:mod:`workbench.cli`.
"""
