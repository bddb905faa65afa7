"""What a simulated student does: step Forward or Backward (the in-browser stepper's reports),
or train live on the Train page.

Each student records (start time, seconds) per rerun (and the page, for a step) into a shared
`Tally`; the load test keeps
only the reruns that started once every session was open (the steady state).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.load_client import Session

STEPPERS = {"backward": "bwd_view_steps", "forward": "fwd_view"}  # page -> its stepper's key


@dataclass
class Tally:
    steps: list[tuple[float, float, str]] = field(default_factory=list)  # idle steps, and page
    training: list[tuple[float, float]] = field(default_factory=list)  # live training chunks
    opens: list[float] = field(default_factory=list)  # first page load of each session
    opened: list[float] = field(default_factory=list)  # when each first page load finished
    sessions: list[Session] = field(default_factory=list)


def before(until: float | Callable[[], float]) -> bool:
    """Whether it is still before `until`: a clock time, or a function giving it (a deadline
    that is only set once the whole class has arrived)."""
    return time.monotonic() < (until() if callable(until) else until)


def next_step(order: list[str], at: str, forward: bool) -> tuple[str, bool]:
    """The step after `at` in `order` (and the direction): on to the end, then back."""
    i = order.index(at)
    if not 0 <= i + (1 if forward else -1) < len(order):
        forward = not forward
    return order[i + (1 if forward else -1)], forward


async def stepping(url: str, page: str, until, think: float, tally: Tally, seed: int):
    """Open `page`; step Next to the last step, then Back to the first, and so on; think in
    between. A step is drawn in the browser at once (make bench measures that); what it costs
    the server is one rerun with the stepper's report {"step", "n", "choices", "held"}, timed
    here."""
    rng = random.Random(seed)
    session = Session(url)
    tally.sessions.append(session)
    tally.opens.append(await session.open(page))
    tally.opened.append(time.monotonic())
    key, forward = STEPPERS[page], True
    held: dict[str, str] = {}  # the steps the browser's frame holds (it says so in a report)
    while before(until) and not session.counts.errors:
        if key not in session.components:
            session.counts.errors.append(f"no stepper {key} on {page}")
            break
        args = session.components[key][1]
        hold(held, args.get("keys") or {}, args.get("steps") or {})
        order = args.get("order") or []
        if len(order) < 2 or args.get("current") not in order:
            session.counts.errors.append(f"stepper {key} on {page}: order {order!r}")
            break
        step, forward = next_step(order, args["current"], forward)
        n = int(args.get("ack") or 0) + 1  # the frontend numbers on from the server's ack
        started = time.monotonic()
        report = {"step": step, "n": n, "choices": {}, "held": dict(held)}
        seconds = await session.report(key, report)
        tally.steps.append((started, seconds, page))
        shown = session.components[key][1]
        if not session.counts.errors and (shown.get("current"), shown.get("ack")) != (step, n):
            session.counts.errors.append(
                f"report of step {step!r} on {page} not taken: the server shows "
                f"{shown.get('current')!r} (ack {shown.get('ack')!r}, sent n {n})"
            )
        await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    await session.close()


def hold(held: dict, keys: dict, steps: dict) -> None:
    """What the frame keeps after a render (stepview.js `keep`): the steps sent now, and those
    received before whose key is still the server's."""
    for step in [s for s in held if keys.get(s) != held[s]]:
        del held[step]
    held.update({step: keys[step] for step in steps if step in keys})


async def training(url: str, until, tally: Tally):
    """Open Train, load the spiral preset when offered, press Play, follow the page's timer."""
    session = Session(url)
    tally.sessions.append(session)
    tally.opens.append(await session.open("train"))
    tally.opened.append(time.monotonic())
    if session.enabled("tr_spiral"):
        await session.press("tr_spiral")
    while before(until) and not session.counts.errors:
        if session.auto_rerun is None:  # not playing (first time, or the run finished)
            if await session.press("tr_play") is None:
                session.counts.errors.append("no enabled Play on train")
                break
            continue
        # The browser's timer asks for the fragment every `interval` s; the next request
        # waits here until the previous one finished, so a slow server gets fewer of them.
        interval, fragment = session.auto_rerun
        await asyncio.sleep(interval)
        started = time.monotonic()
        tally.training.append((started, await session.rerun(fragment_id=fragment, auto=True)))
    await session.close()


async def guarded(coro, session_errors: list[str]):
    """Run one student; whatever stops it (a timeout, a refused or dropped connection) is
    recorded as an error of the run instead of ending the load test."""
    try:
        await coro
    except Exception as error:
        session_errors.append(f"{type(error).__name__}: {error}")
