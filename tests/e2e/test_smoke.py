"""The app starts and its entry page renders in a real browser without an exception."""

from e2e_helpers import exceptions, open_app, shot


def test_the_app_renders_without_an_exception(page, app_url):
    open_app(page, app_url)
    assert page.locator('[data-testid="stApp"]').is_visible()
    assert not exceptions(page), exceptions(page)
    assert shot(page, "home").stat().st_size > 0
