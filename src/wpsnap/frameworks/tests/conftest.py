"""Fixtures for the reference library: the YAML is parsed once per session and loaded into the
test database (inside each test's transaction) by the `reference` fixture."""

import copy

import pytest

from wpsnap.frameworks.services import load_reference, read_reference


@pytest.fixture(scope="session")
def reference_data():
    """The packaged YAML, parsed once: (data, sha256). Copy before changing it."""
    return read_reference()


@pytest.fixture
def reference(db, reference_data):
    """The packaged reference library loaded into the database; returns the LoadReport."""
    data, sha = reference_data
    return load_reference(data=copy.deepcopy(data), sha256=sha)
