"""The steps of the retention run. Each app that keeps personal data registers its own step in
its AppConfig.ready(), so that privacy knows no other app's models.

A step has a name (for the operator's report) and two functions, both called with
now=..., cutoff=... (now minus the contact term) and days=... (that term) inside the run's
transaction:

- erase(...) does the work and returns counts to add up, e.g. {"contacts_erased": 3}; it writes
  its own audit lines;
- due(...) counts what is past its term and still there. Asked after erase, it should be 0: a
  number left means the step could not do all it should.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    name: str
    erase: Callable[..., dict[str, int]]
    due: Callable[..., int]


STEPS: list[Step] = []


def register(name: str, *, erase: Callable[..., dict[str, int]], due: Callable[..., int]) -> Step:
    """Add a step to the run (once: ready() may be called again in tests)."""
    step = Step(name, erase, due)
    if all(known.name != name for known in STEPS):
        STEPS.append(step)
    return step
