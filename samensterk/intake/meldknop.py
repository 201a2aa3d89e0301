"""What the public form of a group needs before anyone types: the group (with its organisation),
the consent wording shown now and the municipality filled in beforehand.

Read from the database three times per request that was; now kept per process for a minute at
most (lib.memo), with the form page and its receipt as stencils (lib.stencil). Saving a group,
an organisation or a consent wording, or changing a group's municipalities, forgets it at once
in this process and on the next request in the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models.signals import m2m_changed

from samensterk.accounts.models import LocalGroup, Organisation
from samensterk.lib.memo import ProcessMemo

from .models import ConsentText

PAGES = ProcessMemo("meldknop", seconds=60)


@dataclass(frozen=True)
class MeldknopPage:
    group: LocalGroup
    consent: ConsentText
    initial_municipality: str  # the name when the group works in exactly one municipality
    # The form and its receipt rendered once (lib.stencil): forgotten with the rest.
    stencils: dict = field(default_factory=dict, compare=False, repr=False)


def meldknop_page(slug: str) -> MeldknopPage | None:
    """The active group with this slug and what its form shows; None if there is none (not
    kept: unknown names must not fill the memory)."""
    return PAGES.get(slug, lambda: _read(slug))


def _read(slug: str) -> MeldknopPage | None:
    from .services import consent_text_current

    group = LocalGroup.objects.select_related("organisation").filter(slug=slug, active=True).first()
    if group is None:
        return None
    municipalities = list(group.municipalities.all()[:2])
    return MeldknopPage(
        group=group,
        consent=consent_text_current(group.organisation),
        initial_municipality=municipalities[0].name if len(municipalities) == 1 else "",
    )


def connect() -> None:
    """Called from IntakeConfig.ready()."""
    PAGES.forget_when_changed(LocalGroup, Organisation, ConsentText)
    m2m_changed.connect(
        PAGES.forget, sender=LocalGroup.municipalities.through, dispatch_uid="meldknop-m2m"
    )
