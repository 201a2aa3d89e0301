"""What the public form of a group needs before anyone types: the group (with its organisation),
the consent wording shown now and the municipality filled in beforehand.

Read from the database three times per request that was; now remembered per process for a
minute at most. Saving a group, an organisation or a consent wording, or changing a group's
municipalities, forgets it at once in this process and, through a generation number in the
shared cache (Redis in production), in every other process on their next request.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from samensterk.accounts.models import LocalGroup, Organisation

from .models import ConsentText

REMEMBER_SECONDS = 60
GENERATION_KEY = "meldknop:generation"


@dataclass(frozen=True)
class MeldknopPage:
    group: LocalGroup
    consent: ConsentText
    initial_municipality: str  # the name when the group works in exactly one municipality


_pages: dict[str, tuple[float, int, MeldknopPage]] = {}
_lock = threading.Lock()


def meldknop_page(slug: str) -> MeldknopPage | None:
    """The active group with this slug and what its form shows; None if there is none."""
    from .services import consent_text_current

    generation = cache.get(GENERATION_KEY, 0)
    now = time.monotonic()
    remembered = _pages.get(slug)
    if remembered and remembered[1] == generation and now - remembered[0] < REMEMBER_SECONDS:
        return remembered[2]
    group = LocalGroup.objects.select_related("organisation").filter(slug=slug, active=True).first()
    if group is None:
        return None  # not remembered: unknown slugs must not fill the memory
    municipalities = list(group.municipalities.all()[:2])
    page = MeldknopPage(
        group=group,
        consent=consent_text_current(group.organisation),
        initial_municipality=municipalities[0].name if len(municipalities) == 1 else "",
    )
    with _lock:
        _pages[slug] = (now, generation, page)
    return page


def forget_meldknop_pages(**_kwargs) -> None:
    """Something a form shows has changed: every process reads it again."""
    with _lock:
        _pages.clear()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache yet (or the cache was emptied)
        cache.set(GENERATION_KEY, 1, timeout=None)


def connect() -> None:
    """Called from IntakeConfig.ready()."""
    for model in (LocalGroup, Organisation, ConsentText):
        post_save.connect(forget_meldknop_pages, sender=model, dispatch_uid=f"meldknop-{model}")
        post_delete.connect(forget_meldknop_pages, sender=model, dispatch_uid=f"meldknop-d{model}")
    m2m_changed.connect(
        forget_meldknop_pages,
        sender=LocalGroup.municipalities.through,
        dispatch_uid="meldknop-municipalities",
    )
