"""The pieces of a link, each read as hostile text: numbers, names, float blobs, limits.

Every reader either returns a checked value or raises `LinkError` with one sentence a user
can read. Messages never repeat the link's text (it may hold `<script>`), only parsed numbers
and names that passed an allow-list.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

import numpy as np

from core.limits import MAX_HIDDEN_LAYERS, MAX_INPUTS, MAX_NEURONS, MAX_OUTPUTS

# The app's limits (the Build page's widgets; m from the Train page's dataset size). A link
# beyond them is refused, so a link can never build what the app itself cannot.
MAX_SEED = 10**6
MAX_NOISE = 2.0
MAX_TEST_FRACTION = 0.5
MAX_LINK = 64 * 1024  # characters of query string read at all
MAX_BLOB = 2 * 1024 * 1024  # bytes a compressed field may expand to

_INT = re.compile(r"[0-9]{1,7}")  # [0-9], not \d: \d also matches other scripts' digits
_FLOAT = re.compile(r"-?[0-9]{1,20}(\.[0-9]{1,20})?(e-?[0-9]{1,3})?")
_NAME = re.compile(r"[a-z][a-z0-9_-]{0,39}")
_B64 = re.compile(r"[A-Za-z0-9_-]+")


class LinkError(ValueError):
    """A link that cannot be opened; str() is the one message to show."""


def whole(text: str, what: str, first: int, last: int) -> int:
    if not isinstance(text, str) or not _INT.fullmatch(text):
        raise LinkError(f"{what} is not a whole number.")
    value = int(text)
    if not first <= value <= last:
        raise LinkError(f"{what} must be {first}..{last} (it is {value}).")
    return value


def number(text: str, what: str, low: float, high: float) -> float:
    """A finite float in [low, high], written as `write_number` writes it."""
    if not isinstance(text, str) or not _FLOAT.fullmatch(text):
        raise LinkError(f"{what} is not a number.")
    value = float(text)  # the pattern admits no nan/inf words; 1e309 overflows to inf
    if not np.isfinite(value) or not low <= value <= high:
        raise LinkError(f"{what} must be a number from {low:g} to {high:g}.")
    return value


def write_number(value: float) -> str:
    # repr round-trips float64 exactly; "e+" would need escaping in a URL ("+" means space).
    return repr(float(value)).replace("e+", "e")


def name(text: str, what: str, allowed) -> str:
    """One of `allowed` (names of core's tables); anything else is refused unread."""
    if not isinstance(text, str) or not _NAME.fullmatch(text) or text not in allowed:
        raise LinkError(f"unknown {what}; this app knows {', '.join(sorted(allowed))}.")
    return text


def pack(arrays) -> str:
    """Raw little-endian float64 bytes, zlib-compressed, URL-safe base64 without padding."""
    raw = b"".join(np.ascontiguousarray(a, dtype="<f8").tobytes() for a in arrays)
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")


def unpack(text: str, what: str, max_bytes: int) -> np.ndarray:
    """The float64 vector `pack` wrote; at most `max_bytes` are ever decompressed."""
    if not isinstance(text, str) or not _B64.fullmatch(text) or len(text) % 4 == 1:
        raise LinkError(f"the {what} are not valid URL-safe base64.")
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise LinkError(f"the {what} are not valid URL-safe base64.") from exc
    limit = min(max_bytes, MAX_BLOB)
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(packed, limit + 1)  # a bomb stops at limit + 1 bytes
    except zlib.error as exc:
        raise LinkError(f"the {what} are damaged (not zlib data).") from exc
    if len(raw) > limit or inflater.unconsumed_tail:
        raise LinkError(f"the {what} hold more than the {limit // 8:,} numbers they can.")
    if not inflater.eof or inflater.unused_data:
        raise LinkError(f"the {what} are cut short or have extra bytes.")
    if len(raw) % 8:
        raise LinkError(f"the {what} are not a whole number of float64 values.")
    values = np.frombuffer(raw, dtype="<f8").astype(np.float64)
    if not np.isfinite(values).all():
        raise LinkError(f"the {what} hold a value that is not a finite number (nan or inf).")
    return values


def check_sizes(sizes: tuple[int, ...]) -> None:
    """Within the Build page's limits: inputs, hidden layers, neurons per layer, outputs."""
    hidden = sizes[1:-1]
    if len(hidden) > MAX_HIDDEN_LAYERS:
        raise LinkError(
            f"{len(hidden)} hidden layers is more than the {MAX_HIDDEN_LAYERS} the app allows."
        )
    for n, limit, what in (
        (sizes[0], MAX_INPUTS, "inputs"),
        (sizes[-1], MAX_OUTPUTS, "outputs"),
        *((n, MAX_NEURONS, "neurons in a hidden layer") for n in hidden),
    ):
        if not 1 <= n <= limit:
            raise LinkError(f"{n} {what} is outside the 1..{limit} the app allows.")
