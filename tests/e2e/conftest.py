"""Fixtures of the browser tests: one Streamlit server and one Chromium per session, a fresh
browser context (a fresh Streamlit session) per test. Helpers live in e2e_helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_helpers import (
    CHROMIUM_ARGS,
    ENTRY,
    SHOTS,
    chromium_path,
    missing,
    new_session,
    start_server,
)

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before -m deselects, so `-m "not e2e"` sees the marker
def pytest_collection_modifyitems(items):
    # A conftest hook sees every collected item, not only this folder's: filter by path.
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def app_url():
    """URL of a live `streamlit run streamlit_app.py` (a free port), stopped at the end."""
    if not ENTRY.exists():
        pytest.skip("streamlit_app.py does not exist yet")
    server = start_server()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright's sync API."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed (requirements-dev.txt)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A new page in a new context (1366×900): each test is a new user session."""
    context = new_session(browser)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # On a failed browser test, keep what the browser showed: failed-<test>.png beside the
    # other screenshots. Any Playwright page among the test's fixtures is used.
    report = yield
    if report.when == "call" and report.failed and HERE in Path(str(item.fspath)).parents:
        for value in getattr(item, "funcargs", {}).values():
            if hasattr(value, "screenshot") and hasattr(value, "viewport_size"):
                try:
                    value.screenshot(path=str(SHOTS / f"failed-{item.name}.png"))
                except Exception:  # the browser may be the thing that broke
                    pass
                break
    return report
