"""What coalitions hold about a person, for data-subject requests (privacy.subjects): the
people of the organisation's network register it shares with a coalition, whose partners see
their name, role, organisation and how they like contact. Erasing stops the sharing
(services.unshare); the entry itself is the network's finding."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.network.subjects import find_people
from samensterk.privacy.subjects import Finder, Finding, Record

from . import services
from .models import MemberStatus, SharedItem


def _shares(organisation, query):
    people = find_people(organisation, query)
    return (
        SharedItem.objects.filter(organisation=organisation, person__in=people)
        .select_related("coalition", "person")
        .order_by("coalition__name", "pk")
    )


def find(organisation, query, scope) -> list[Finding]:
    return [
        Finding(
            kind="coalition_share",
            pk=shared.pk,
            reference=f"coalitie-{shared.coalition_id}-gedeeld-{shared.pk}",
            label=_("%(name)s, gedeeld met %(coalition)s")
            % {"name": shared.person.name, "coalition": shared.coalition.name},
            details=(
                _("Gedeeld op %(date)s")
                % {"date": formats.date_format(timezone.localtime(shared.shared_at), "j F Y")},
            ),
            url=reverse("coalitions:detail", args=[shared.coalition_id]),
        )
        for shared in _shares(organisation, query)
    ]


def export(findings, *, scope, query) -> list[Record]:
    shares = SharedItem.objects.filter(pk__in=[f.pk for f in findings]).select_related(
        "coalition", "person__stakeholder"
    )
    records = []
    for shared in shares:
        partners = (
            shared.coalition.members.filter(status=MemberStatus.MEMBER)
            .exclude(organisation_id=shared.organisation_id)
            .values_list("organisation__name", flat=True)
        )
        person = shared.person
        records.append(
            Record(
                kind="coalition_share",
                reference=f"coalitie-{shared.coalition_id}-gedeeld-{shared.pk}",
                title=_("Gedeeld met de coalitie %(coalition)s")
                % {"coalition": shared.coalition.name},
                fields=[
                    ("coalition", _("Coalitie"), shared.coalition.name),
                    ("partners", _("Partners die het zien"), ", ".join(partners)),
                    ("shared_at", _("Gedeeld op"), shared.shared_at),
                    ("name", _("Naam"), person.name),
                    ("role", _("Functie of rol"), person.role),
                    ("stakeholder", _("Werkt bij"), str(person.stakeholder or "")),
                    (
                        "preferred_contact",
                        _("Liefst contact via"),
                        person.get_preferred_contact_display(),
                    ),
                ],
            )
        )
    return records


def erase(findings, *, query, actor, note: str) -> None:
    for shared in SharedItem.objects.filter(pk__in=[f.pk for f in findings]):
        services.unshare(shared)


SHARES = Finder(
    kind="coalition_share",
    title=gettext_lazy("Gedeeld met coalities"),
    erases=gettext_lazy(
        "De persoon wordt niet meer gedeeld: de partners zien hem of haar niet meer."
    ),
    find=find,
    export=export,
    erase=erase,
)
