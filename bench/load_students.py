"""What a simulated student does: step a page with Next/Back, or train live on the Train page.

Each student records (start time, seconds) per rerun into a shared `Tally`; the load test keeps
only the reruns that started once every session was open (the steady state).
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

from bench.load_client import Session

STEPPERS = {"backward": "bwd_step", "forward": "fwd_k"}  # page -> its stepper's key


@dataclass
class Tally:
    steps: list[tuple[float, float]] = field(default_factory=list)  # idle students' presses
    training: list[tuple[float, float]] = field(default_factory=list)  # live training chunks
    opens: list[float] = field(default_factory=list)  # first page load of each session
    sessions: list[Session] = field(default_factory=list)


async def stepping(url: str, page: str, until: float, think: float, tally: Tally, seed: int):
    """Open `page`; press Next until it is disabled, then Back, and so on; think in between."""
    rng = random.Random(seed)
    session = Session(url)
    tally.sessions.append(session)
    tally.opens.append(await session.open(page))
    key, forward = STEPPERS[page], True
    while time.monotonic() < until and not session.counts.errors:
        button = f"{key}_next" if forward else f"{key}_prev"
        if not session.enabled(button):
            forward = not forward
            button = f"{key}_next" if forward else f"{key}_prev"
        started = time.monotonic()
        seconds = await session.press(button)
        if seconds is None:
            session.counts.errors.append(f"no enabled {button} on {page}")
            break
        tally.steps.append((started, seconds))
        await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    await session.close()


async def training(url: str, until: float, tally: Tally):
    """Open Train, load the spiral preset when offered, press Play, follow the page's timer."""
    session = Session(url)
    tally.sessions.append(session)
    tally.opens.append(await session.open("train"))
    if session.enabled("tr_spiral"):
        await session.press("tr_spiral")
    while time.monotonic() < until and not session.counts.errors:
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
        tally.training.append((started, await session.rerun(fragment_id=fragment)))
    await session.close()


async def guarded(coro, session_errors: list[str]):
    """Run one student; whatever stops it (a timeout, a refused or dropped connection) is
    recorded as an error of the run instead of ending the load test."""
    try:
        await coro
    except Exception as error:
        session_errors.append(f"{type(error).__name__}: {error}")
