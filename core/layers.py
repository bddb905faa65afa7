"""`ByLayer`: a read-only sequence indexed by the layer number k of docs/NOTATION.md.

`a[0]` is the input, `delta[k]` is δ⁽ᵏ⁾, `weights[k]` is θ⁽ᵏ⁾ for k = 1..L. Indexing by k
(not by position) keeps code next to the derivation and avoids off-by-one renumbering.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class ByLayer(Generic[T]):
    """Values for k = first .. last, looked up by k. Negative k is refused, not wrapped."""

    __slots__ = ("_first", "_items", "_last")

    def __init__(self, first: int, items):
        self._first = first
        self._items = tuple(items)
        self._last = first + len(self._items) - 1

    @property
    def first(self) -> int:
        return self._first

    @property
    def last(self) -> int:
        return self._last

    def keys(self) -> range:
        return range(self._first, self._first + len(self._items))

    def items(self) -> Iterator[tuple[int, T]]:
        return zip(self.keys(), self._items)

    def __getitem__(self, k: int) -> T:
        if type(k) is not int:
            k = operator.index(k)  # numpy ints pass; floats and slices raise TypeError
        if not self._first <= k <= self._last:
            raise IndexError(f"layer k={k} is outside {self._first}..{self._last}")
        return self._items[k - self._first]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"ByLayer(k={self._first}..{self.last})"
