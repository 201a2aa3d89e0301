"""Python's cyclic garbage collector, paused while a bulk job makes many objects.

A job that builds thousands of rows allocates enough to set off a collection every few hundred
objects, and each older-generation collection walks the whole long-lived heap of the process
(the suggester's and de-identifier's word lists, Django): about a tenth of an import of 5,000
signals into a million. Reference counting still frees what the job drops; the few cycles it
leaves are collected once the collector runs again after the block.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_state = {"depth": 0, "ours": False}  # blocks open in this process; whether we turned it off


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block (any thread). Blocks may nest and overlap across
    threads: the collector comes back when the last one ends, and only if it was on before."""
    with _lock:
        if _state["depth"] == 0:
            _state["ours"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["ours"]:
                gc.enable()
