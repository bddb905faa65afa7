"""Any warning raised while a core test runs is an error (numpy's overflow and invalid-value
warnings included), on top of pyproject's RuntimeWarning filter."""

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.filterwarnings("error"))
