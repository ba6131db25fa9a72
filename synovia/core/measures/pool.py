"""Recycled memory for the batch engine's large output columns.

Scoring a registry writes a few hundred megabytes of new columns (10 million visits: four
float64 scores and five int8 codes, 370 MB). Fresh memory costs the process a page fault
and the kernel zeroing each page on its first write; on the 2-core reference machine that
is about 20 ms for those 370 MB, as much as reading every input once. A service that scores
its registry again and again (a nightly recompute, cohort queries) therefore keeps the
memory of columns it handed out and no longer used, and hands it out again.

Safety rule: a buffer goes back to the pool only when no array can reach it any more. Each
column is made by ``numpy.asarray`` from a ``_Column`` holder that exists for that column
only and describes the buffer through ``__array_interface__``; the column's ``base`` is the
holder, and every view, slice or reshape of the column keeps it alive (through the ``base``
chain), as do zero-copy consumers that keep the array (Polars, DuckDB). (A ``memoryview``
cannot be the holder: NumPy makes its own view of the buffer's exporter and lets it go.)
The buffer is recycled by a ``weakref.finalize`` on the holder, that is when the last array
over it is gone. A recycled buffer is never zeroed: the engine writes every element
of each output column it hands out.

The pool keeps at most ``limit`` bytes of idle buffers (default 512 MiB, environment
variable ``SYNOVIA_MEASURES_POOL_MB``; 0 turns it off), only buffers of at least
``MIN_BYTES`` (smaller ones are cheap for ``malloc``), oldest dropped first.
``release()`` gives every idle buffer back to the operating system.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import OrderedDict
from typing import Any

import numpy as np
import numpy.typing as npt

MIN_BYTES = 1 << 18
"""Columns smaller than this are plain ``numpy.empty`` arrays, never pooled."""

DEFAULT_LIMIT_MB = 512
ENV_LIMIT = "SYNOVIA_MEASURES_POOL_MB"


class _Column:
    """The owner of one pooled column: its buffer, shown to NumPy as a 1-D array."""

    __slots__ = ("__array_interface__", "__weakref__", "raw")

    def __init__(self, raw: npt.NDArray[np.uint8], dtype: np.dtype[Any], n: int) -> None:
        self.raw = raw
        self.__array_interface__ = {
            "shape": (n,), "typestr": dtype.str, "data": (raw.ctypes.data, False), "version": 3,
        }


class ColumnPool:
    """Idle output buffers by size; thread-safe."""

    def __init__(self, limit_bytes: int) -> None:
        if limit_bytes < 0:
            raise ValueError(f"pool limit must be 0 or more bytes, got {limit_bytes}")
        self.limit_bytes = limit_bytes
        self._idle: OrderedDict[int, list[npt.NDArray[np.uint8]]] = OrderedDict()
        self._held = 0
        self._lock = threading.RLock()  # a finaliser may run while this thread holds it
        self.reused = 0
        """Columns handed out from recycled memory (for tests and benchmarks)."""

    @property
    def held_bytes(self) -> int:
        """Bytes of idle buffers kept for reuse."""
        return self._held

    def empty(self, n: int, dtype: npt.DTypeLike) -> npt.NDArray[Any]:
        """An uninitialised 1-D array of ``n`` elements of ``dtype``, from recycled memory
        when an idle buffer of that size is kept."""
        kind = np.dtype(dtype)
        nbytes = n * kind.itemsize
        if nbytes < MIN_BYTES or self.limit_bytes == 0:
            return np.empty(n, kind)
        raw = self._take(nbytes)
        if raw is None:
            raw = np.empty(nbytes, np.uint8)
        else:
            self.reused += 1
        holder = _Column(raw, kind, n)
        weakref.finalize(holder, self._give_back, raw, nbytes).atexit = False
        return np.asarray(holder)

    def release(self) -> int:
        """Drop every idle buffer; returns the bytes released."""
        with self._lock:
            released, self._held = self._held, 0
            self._idle.clear()
        return released

    def _take(self, nbytes: int) -> npt.NDArray[np.uint8] | None:
        with self._lock:
            idle = self._idle.get(nbytes)
            if not idle:
                return None
            raw = idle.pop()
            if not idle:
                del self._idle[nbytes]
            self._held -= nbytes
            return raw

    def _give_back(self, raw: npt.NDArray[np.uint8], nbytes: int) -> None:
        with self._lock:
            if nbytes > self.limit_bytes:
                return
            while self._held + nbytes > self.limit_bytes and self._idle:
                oldest = next(iter(self._idle))
                self._idle[oldest].pop(0)
                self._held -= oldest
                if not self._idle[oldest]:
                    del self._idle[oldest]
            self._idle.setdefault(nbytes, []).append(raw)
            self._idle.move_to_end(nbytes)
            self._held += nbytes


def _limit_from_environment() -> int:
    text = os.environ.get(ENV_LIMIT, str(DEFAULT_LIMIT_MB)).strip()
    try:
        megabytes = int(text)
    except ValueError:
        raise ValueError(f"{ENV_LIMIT} must be a whole number of MiB, got {text!r}") from None
    if megabytes < 0:
        raise ValueError(f"{ENV_LIMIT} must be 0 (off) or more, got {megabytes}")
    return megabytes << 20


POOL = ColumnPool(_limit_from_environment())
"""The pool ``compute_visits`` takes its new output columns from."""


def release() -> int:
    """Give the idle output memory of the batch engine back; returns the bytes released."""
    return POOL.release()
