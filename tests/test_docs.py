"""The documentation generated from the code is up to date."""

import importlib.util
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
spec = importlib.util.spec_from_file_location("generate", DOCS / "generate.py")
generate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate)


@pytest.mark.parametrize("name", sorted(generate.PAGES))
def test_generated_page_matches_the_code(name):
    assert (DOCS / name).read_text() == generate.PAGES[name](), (
        f"docs/{name} is stale: run .venv/bin/python docs/generate.py")


def test_every_parameter_is_in_the_odd_document():
    odd = (DOCS / "ODD.md").read_text()
    from model import PARAMETERS
    missing = [name for name in PARAMETERS if f"`{name}`" not in odd]
    assert not missing, f"docs/ODD.md does not describe {missing}"
