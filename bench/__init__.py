"""`make bench`: speed figures for core, the pages and the figures. Reports, never asserts."""
