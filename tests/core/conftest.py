"""Every warning raised in core is an error here (numpy's overflow/invalid warnings included)."""

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == HERE:
            item.add_marker(pytest.mark.filterwarnings("error"))
