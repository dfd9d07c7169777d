"""Root pytest configuration: the shared personas and helpers for every app."""

pytest_plugins = ["urbis.core.testing.fixtures"]
