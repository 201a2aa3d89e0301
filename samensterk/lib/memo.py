"""Values a process keeps for a short while instead of reading them on every request.

For data that changes seldom and is read on every public request (a group's form, the names of
municipalities). `forget()` drops them at once in this process and, through a generation number
in the shared cache (Redis in production), in every other process on its next read; `seconds`
bounds how long a value may live in any case. Each value lives a random 75-100 % of it, so that
the workers of a server, started together, do not all read the same thing again at one moment.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache

_all: list[ProcessMemo] = []


class ProcessMemo:
    def __init__(self, name: str, *, seconds: float):
        self.generation_key = f"memo:{name}:generation"
        self.seconds = seconds
        self._values: dict[Hashable, tuple[float, int, Any]] = {}  # key: (until, generation, value)
        self._lock = threading.Lock()
        _all.append(self)

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value kept for `key`, else make(), kept unless it is None."""
        generation = cache.get(self.generation_key, 0)
        now = time.monotonic()
        kept = self._values.get(key)
        if kept and kept[1] == generation and now < kept[0]:
            return kept[2]
        value = make()
        if value is not None:
            until = now + lifetime(self.seconds)
            with self._lock:
                self._values[key] = (until, generation, value)
        return value

    def forget(self, **_signal_arguments) -> None:
        """Something kept has changed (usable as a model signal receiver)."""
        with self._lock:
            self._values.clear()
        try:
            cache.incr(self.generation_key)
        except ValueError:  # not in the cache yet, or the cache was emptied
            cache.set(self.generation_key, 1, timeout=None)

    def forget_when_changed(self, *models) -> None:
        """Forget on every save or delete of these models (call from AppConfig.ready)."""
        from django.db.models.signals import post_delete, post_save

        for model in models:
            uid = f"{self.generation_key}:{model._meta.label}"
            post_save.connect(self.forget, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(self.forget, sender=model, dispatch_uid=f"{uid}:delete")

    def __contains__(self, key: Hashable) -> bool:
        return key in self._values


def lifetime(seconds: float) -> float:
    """A random 75-100 % of `seconds`: what processes keep does not expire in all at once."""
    return seconds * random.uniform(0.75, 1.0)  # noqa: S311 (not for security)


def forget_all(*, shared: bool = True) -> None:
    """Between tests: every test has its own data (shared=False: not the shared cache)."""
    for memo in _all:
        if shared:
            memo.forget()
        else:
            memo._values.clear()
