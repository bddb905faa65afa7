"""Sections of the pages: each reads its widgets, calls core, figures and cards, and shows the
result, with explicit inputs, so every page in app_pages/ reads top to bottom in a few lines.
Tested through the pages (tests/app with AppTest, tests/e2e in Chromium)."""
