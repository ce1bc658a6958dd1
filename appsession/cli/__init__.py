"""The ``appsession`` command line: one module per group of commands."""
