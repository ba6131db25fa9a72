"""What one server process keeps between requests of the outcomes report: a bounded map, least
recently used out, safe to share between threads (drawn charts, read data sets, computed pages)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: K, value: V, size: int | None = None) -> None:
        """Keep ``value``; the least recently used go while more than ``size`` (default: the
        size given when made) are kept."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > (self.size if size is None else size):
                self._items.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
