"""`make mutate`: mutmut over cards/, ui/, figures/, userdata/ (or the paths given), then the score.

    python tools/mutation_score.py --run [PATH ...]   fresh run, then the summary
    python tools/mutation_score.py --run --sample N [--seed S] [PATH ...]
                                                      a uniform random sample of N mutants
    python tools/mutation_score.py [PATH ...]         the summary of the last run only

A full run over cards/, ui/ and figures/ is about 12,000 mutants (mostly plotly and Streamlit
keyword arguments dropped one at a time): hours on two cores. A seeded uniform sample of a few
hundred estimates the score to within a few points (the 95% interval is printed) in minutes;
its survivors are the ones to review.

Score = killed / (killed + survived + no tests). A timeout counts as killed (the mutant made the
tests hang, which a test run notices); a "no tests" mutant (no fast test reaches its function)
counts as a survivor and is listed with them. The settings
(what is mutated, which tests run) live in pyproject.toml, [tool.mutmut].
"""

from __future__ import annotations

import argparse
import fnmatch
import math
import random
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = [sys.executable, "-m", "mutmut"]
# `mutmut results --all true` prints one "    <module.x_function__mutmut_N>: <status>" a line
RESULT_LINE = re.compile(r"^\s+(\S+): (.+)$")


def name_pattern(path: str) -> str:
    """cards/ → cards.*, cards/numbers.py → cards.numbers.* (mutmut names mutants by module)."""
    module = path.strip().rstrip("/").removesuffix(".py").replace("/", ".")
    return f"{module}.*"


# mutmut 3 has no "generate only" command: a run filtered to a name that matches no mutant
# generates every mutant and records which tests reach each function, then stops.
NO_MUTANT = "no.such.mutant"


def run(patterns: list[str], sample: int | None = None, seed: int = 0) -> tuple[float, list]:
    """A fresh `mutmut run` (stale copies of deleted tests must not linger) of every mutant
    matching `patterns`, or of a seeded random sample of them; (seconds taken, names run)."""
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    started = time.monotonic()
    if sample:
        subprocess.run([*MUTMUT, "run", NO_MUTANT], cwd=ROOT, capture_output=True)
        names = sorted(results(patterns))
        if not names:
            sys.exit("mutmut generated no mutants")
        patterns = sorted(random.Random(seed).sample(names, min(sample, len(names))))
    done = subprocess.run([*MUTMUT, "run", *patterns], cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"mutmut run failed (exit code {done.returncode})")
    return time.monotonic() - started, patterns


def results(patterns: list[str]) -> dict[str, str]:
    """Mutant name → status, for the mutants matching `patterns` (all when empty)."""
    out = subprocess.run(
        [*MUTMUT, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    found = {}
    for line in out.splitlines():
        match = RESULT_LINE.match(line)
        if match and (not patterns or any(fnmatch.fnmatch(match[1], p) for p in patterns)):
            found[match[1]] = match[2].strip()
    return found


def summary(statuses: dict[str, str], seconds: float | None) -> str:
    counts = Counter(statuses.values())
    killed = counts["killed"] + counts["timeout"]
    survived = counts["survived"]
    scored = killed + survived + counts["no tests"]  # untested code is not a killed mutant
    score = f"{100 * killed / scored:.1f}%" if scored else "n/a"
    if scored:  # Wilson 95% interval: what a sample says about the whole population
        p, z = killed / scored, 1.96
        mid = (p + z * z / (2 * scored)) / (1 + z * z / scored)
        half = z * math.sqrt(p * (1 - p) / scored + z * z / (4 * scored**2)) / (1 + z * z / scored)
        score += f" (95% interval {100 * (mid - half):.1f}–{100 * (mid + half):.1f}%)"
    other = {s: n for s, n in counts.items() if s not in ("killed", "timeout", "survived")}
    lines = [
        f"mutants: {len(statuses)}",
        f"killed: {killed} (of which timeouts: {counts['timeout']})",
        f"survived: {survived}",
        f"no tests: {counts['no tests']}  (counted as survivors: no fast test reaches them)",
    ]
    lines += [f"{status}: {n}" for status, n in sorted(other.items()) if status != "no tests"]
    lines.append(f"score: {killed} / {scored} = {score}")
    if seconds is not None:
        lines.append(f"run time: {seconds / 60:.1f} min ({seconds:.0f} s)")
    survivors = sorted(n for n, s in statuses.items() if s in ("survived", "no tests"))
    if survivors:
        lines.append("survivors and untested (mutmut show <name> prints the change):")
        lines += [f"  {statuses[n]:9} {n}" for n in survivors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", action="store_true", help="run mutmut first (a fresh run)")
    parser.add_argument("--sample", type=int, help="run only N mutants drawn at random")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample")
    parser.add_argument("paths", nargs="*", help="folders or files to limit to, e.g. cards/")
    args = parser.parse_args(argv)
    patterns = [name_pattern(p) for p in args.paths]
    seconds = None
    if args.run:
        seconds, patterns = run(patterns, args.sample, args.seed)
    statuses = results(patterns)
    if args.run and args.sample:
        statuses = {n: s for n, s in statuses.items() if n in set(patterns)}
    print()
    what = " ".join(args.paths) or "cards/ ui/ figures/ userdata/"
    sampled = f", a random sample of {len(statuses)} (seed {args.seed})" if args.sample else ""
    print(f"Mutation score for {what}{sampled}")
    print(summary(statuses, seconds))


if __name__ == "__main__":
    main()
