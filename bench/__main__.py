"""Print every benchmark section. Goals are shown beside the figures; nothing fails."""

import platform
import sys
import time

import numpy as np

from bench.sections import SECTIONS
from bench.timing import short_error


def _quiet_streamlit() -> None:
    # AppTest used outside `streamlit run` logs "missing ScriptRunContext" by the dozen.
    # A filter, not a level: AppTest re-applies the configured log level on every run,
    # and every other warning should still be seen.
    try:
        from streamlit.logger import get_logger
    except ImportError:
        return
    get_logger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )


def main() -> None:
    _quiet_streamlit()
    print(
        f"Backprop Visualizer benchmark — Python {platform.python_version()}, "
        f"numpy {np.__version__}, {platform.machine()}"
    )
    started = time.perf_counter()
    for section in SECTIONS:
        print()
        try:
            lines = section()
        except Exception as exc:  # report and go on: one broken section never stops the rest
            lines = [f"{section.__name__}: failed: {short_error(exc, 200)}"]
        print("\n".join(lines), flush=True)
    print(f"\n(bench took {time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
