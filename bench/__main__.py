"""Print every benchmark section. Goals are shown beside the figures; nothing fails."""

import logging
import platform

import numpy as np

from bench.sections import SECTIONS


def main() -> None:
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's bare-mode warnings
    print(
        f"Backprop Visualizer benchmark — Python {platform.python_version()}, "
        f"numpy {np.__version__}, {platform.machine()}"
    )
    for section in SECTIONS:
        print()
        try:
            lines = section()
        except Exception as exc:  # report and go on: a benchmark never stops the others
            lines = [f"{section.__name__}: failed: {exc!r}"]
        print("\n".join(lines))


if __name__ == "__main__":
    main()
