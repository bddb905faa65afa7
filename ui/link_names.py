"""The data's column names in a link: one parameter, `names`.

The names are joined as UTF-8 text, a name from the next by US (0x1F), a group from the next by
RS (0x1E): inputs, outputs, then the classes when there are any (an empty third group: the
classes are the outputs, as for a one-hot target). No name may hold a control character, so
the separators are unambiguous. The text is URL-safe base64 without padding; no compression,
so there is nothing to expand: the parameter's length bounds the work. The rules for what the
names may be are core's (`core.serialize.check_names`), the same as for a saved JSON file.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import NamedTuple

import core
from core.serialize import MAX_NAMES_BYTES, check_names
from ui.link_fields import LinkError

NAME, GROUP = "\x1f", "\x1e"
MAX_TEXT = -(-(MAX_NAMES_BYTES + 27 + 2) // 3) * 4  # base64 of the names and their separators
_B64 = re.compile(r"[A-Za-z0-9_-]+")


class Names(NamedTuple):
    """The same fields as ui.state.DataNames (which this pure module cannot import)."""

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    classes: tuple[str, ...] | None = None


def write(names, sizes: tuple[int, ...]) -> str:
    """The `names` parameter for `names` (anything with .inputs, .outputs, .classes)."""
    try:
        checked = check_names(names.inputs, names.outputs, names.classes, sizes)
    except core.CoreError as exc:
        raise LinkError(f"the column names cannot travel in a link ({exc}).") from None
    groups = [NAME.join(checked["inputs"]), NAME.join(checked["outputs"])]
    if checked["classes"] is not None:
        same = checked["classes"] == checked["outputs"]
        groups.append("" if same else NAME.join(checked["classes"]))
    raw = GROUP.join(groups).encode("utf-8")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def read(text, sizes: tuple[int, ...]) -> Names:
    """The names a `names` parameter carries, for a network of `sizes`; LinkError otherwise."""
    if not isinstance(text, str) or not _B64.fullmatch(text) or len(text) % 4 == 1:
        raise LinkError("the column names are not valid URL-safe base64.")
    if len(text) > MAX_TEXT:
        raise LinkError(f"the column names are longer than the {MAX_NAMES_BYTES} bytes allowed.")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        joined = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        raise LinkError("the column names are not valid UTF-8 text.") from None
    groups = joined.split(GROUP)
    if len(groups) not in (2, 3):
        raise LinkError("the column names must be inputs, outputs and classes.")
    inputs, outputs = (tuple(g.split(NAME)) for g in groups[:2])
    classes = None
    if len(groups) == 3:
        classes = outputs if groups[2] == "" else tuple(groups[2].split(NAME))
    try:
        checked = check_names(inputs, outputs, classes, sizes)
    except core.CoreError as exc:
        raise LinkError(f"the column names do not fit ({exc}).") from None
    return Names(checked["inputs"], checked["outputs"], checked["classes"])
