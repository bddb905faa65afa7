"""Settings shared by every test folder.

Under `make mutate` (mutmut sets MUTANT_UNDER_TEST) each mutant reruns the tests that reach
it: hypothesis then tries fewer examples, without deadlines or a database, so a run over
thousands of mutants stays within reach while every property is still exercised.
"""

import os
import sys

from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    max_examples=8,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
# helpers every folder shares (plotly_json.py) import as plain modules
sys.path.insert(0, os.path.dirname(__file__))

if os.environ.get("MUTANT_UNDER_TEST"):
    settings.load_profile("mutation")
