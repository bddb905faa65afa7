"""One simulated student: a websocket client that speaks Streamlit's own protocol.

Why not Playwright: a Chromium context costs ~100–200 MB and a share of a core to draw plotly
figures, so 60 of them on the same 2-core machine would measure the browsers, not the server (the
browser's redraw is measured separately by `make bench`). This client does what the browser's
connection does: it opens /_stcore/stream, sends `BackMsg.rerun_script` with a `ClientState`
(the page, the query string the server last set, the widget that was triggered, or a custom
component's value: the in-browser stepper's report of a step; the fragment it belongs to, as the
browser names it, so that only the fragment reruns) and reads the `ForwardMsg`s until
`script_finished`; the server does exactly the work it does for a browser.
It declares no cached messages, so every element is sent in full (the browser's cache only makes
messages shorter). A latency is from the send to that script_finished.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
AFFINITY_COOKIE = "bpv_affinity"  # set by tools/serve's nginx; absent on a bare server


@dataclass
class Counts:
    """What went wrong in one session (any exception element counts, warnings apart)."""

    exceptions: list[str] = field(default_factory=list)
    warnings: int = 0
    errors: list[str] = field(default_factory=list)  # timeouts, disconnects, missing widgets


class Session:
    """A browser tab's connection: connect, run a page, press buttons, follow auto-reruns."""

    def __init__(self, base_url: str, timeout: float = 60.0):
        parts = urlsplit(base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.ws_url = f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        self.timeout = timeout
        self.counts = Counts()
        self.buttons: dict[str, tuple[str, bool]] = {}  # user key -> (widget id, disabled)
        # user key -> (widget id, its args, the fragment drawing it or "")
        self.components: dict[str, tuple[str, dict, str]] = {}
        self.auto_rerun: tuple[float, str] | None = None  # (interval s, fragment id)
        self.query_string = ""
        self.page = ""
        self.pages: list[str] = []  # every page's url path, from the navigation message
        self._ws = None
        self._finished: asyncio.Queue = asyncio.Queue()
        self._reader: asyncio.Task | None = None

    async def open(self, page: str) -> float:
        """Connect and run `page` (its url path) as a first visit; return that run's seconds."""
        cookie = await asyncio.to_thread(self._affinity_cookie)
        headers = {"Origin": self.origin} | ({"Cookie": cookie} if cookie else {})
        self._ws = await connect(
            self.ws_url,
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=self.timeout,
        )
        self._reader = asyncio.create_task(self._read())
        self.page = page
        return await self.rerun()

    def _affinity_cookie(self) -> str:
        """The page load a browser does first: it gets the proxy's affinity cookie, if any."""
        with urllib.request.urlopen(self.origin + "/", timeout=self.timeout) as reply:
            for value in reply.headers.get_all("Set-Cookie") or []:
                if value.startswith(AFFINITY_COOKIE + "="):
                    return value.split(";", 1)[0]
        return ""

    async def rerun(
        self,
        widget_id: str | None = None,
        fragment_id: str = "",
        value: dict | None = None,
        auto: bool = False,
    ) -> float:
        """Send one rerun (a button press when widget_id is given, or the component widget_id
        reporting `value`; of the fragment `fragment_id` only when given, `auto` for a
        fragment's timer); wait until it finishes."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        if widget_id is not None and value is not None:
            # what the browser sends for setComponentValue(value, dataType "json"): the
            # component registers its widget with value_type "json_value"
            state.widget_states.widgets.add(id=widget_id, json_value=json.dumps(value))
        elif widget_id is not None:
            state.widget_states.widgets.add(id=widget_id, trigger_value=True)
        while not self._finished.empty():  # a stale finish must not end this wait
            self._finished.get_nowait()
        started = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        await asyncio.wait_for(self._finished.get(), self.timeout)
        return time.perf_counter() - started

    async def visit(self, page: str) -> float:
        """Go to another page of the app (what a click in the sidebar's navigation does)."""
        self.page = page
        return await self.rerun()

    async def press(self, key: str) -> float | None:
        """Press the button whose user key is `key`; None when it is missing or disabled."""
        widget = self.buttons.get(key)
        if widget is None or widget[1]:
            return None
        return await self.rerun(widget[0])

    async def report(self, key: str, value: dict) -> float | None:
        """The component whose user key is `key` reports `value` (setComponentValue); None
        when the page shows no such component."""
        component = self.components.get(key)
        if component is None:
            return None
        return await self.rerun(component[0], fragment_id=component[2], value=value)

    def enabled(self, key: str) -> bool:
        return key in self.buttons and not self.buttons[key][1]

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                self._handle(ForwardMsg.FromString(data))
        except asyncio.CancelledError:
            raise
        except Exception as error:  # a dropped connection is an error of this session
            self.counts.errors.append(f"connection: {error!r}")
        self._finished.put_nowait(None)  # wake a waiter; the caller sees the error count

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element, msg.delta.fragment_id)
        elif kind == "navigation":
            self.pages = [page.url_pathname for page in msg.navigation.app_pages]
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self.auto_rerun = (msg.auto_rerun.interval, msg.auto_rerun.fragment_id)
        elif kind == "stop_auto_rerun":
            self.auto_rerun = None
        elif kind == "page_not_found":
            self.counts.errors.append(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "script_finished" and msg.script_finished in DONE:
            self._finished.put_nowait(msg.script_finished)

    def _element(self, element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            if element.exception.is_warning:
                self.counts.warnings += 1
            else:
                self.counts.exceptions.append(  # the page: hosted, the message is redacted
                    f"on {self.page or 'home'}: {element.exception.type}: "
                    f"{element.exception.message}"
                )
        elif kind == "button":
            # Widget ids end with the user's key: "$$ID-<hash>-bwd_step_next".
            key = element.button.id.rsplit("-", 1)[-1]
            self.buttons[key] = (element.button.id, element.button.disabled)
        elif kind == "component_instance":
            # "$$ID-<hash>-fwd_view"; its args are what the frontend renders (steps, current…)
            component = element.component_instance
            key = component.id.rsplit("-", 1)[-1]
            args = json.loads(component.json_args or "{}")
            self.components[key] = (component.id, args, fragment_id)
