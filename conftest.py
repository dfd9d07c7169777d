"""Root pytest configuration: the shared personas, helpers and browser fixtures for every app."""

pytest_plugins = ["urbis.core.testing.fixtures", "urbis.core.testing.browser"]
