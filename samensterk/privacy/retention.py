"""The steps of the retention run. Each app that keeps personal data registers its own step in
its AppConfig.ready(), so that privacy knows no other app's models.

A step is called as step(now=..., cutoff=..., days=...) inside the run's transaction and returns
counts to add up, e.g. {"contacts_erased": 3}. It writes its own audit lines.
"""

from __future__ import annotations

from collections.abc import Callable

Step = Callable[..., dict[str, int]]

STEPS: list[Step] = []


def register(step: Step) -> Step:
    if step not in STEPS:
        STEPS.append(step)
    return step
