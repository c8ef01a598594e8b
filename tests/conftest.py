"""Every tier's fixtures (record, query, dash_app, client) come from one module: tests/support.py."""

pytest_plugins = ["tests.support"]
