"""Real-browser tests of the app: a package, so that its conftest does not shadow
tests/conftest.py for the modules that import from it."""
