"""What the network register holds about a person, for data-subject requests
(privacy.subjects): the people in the register, by name, e-mail address or phone number.

Erasing anonymises the entry (services.person_erase): the name becomes "Gewiste persoon" and
role, e-mail, phone, notes and contact preferences are emptied; the entry stays so that the
organisation's contact log, relations and dossiers still read; the person's name is taken out
of what was written in their contact log.
"""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.privacy.subjects import NAME, Finder, Finding, Record, SubjectQuery, confirmed

from . import services
from .models import ContactMoment, Person


def find_people(organisation, query) -> list[Person]:
    """The organisation's register entries of the person (also for coalitions' finder)."""
    name = query.pick(name="name", email="email", phone="phone")
    rows = (
        query.prepare(Person.objects.all(), name)
        .filter(query.field_q(name), organisation=organisation)
        .select_related("stakeholder", "municipality")
        .order_by("name", "pk")
    )
    return confirmed(rows, query, name)


def _where(person: Person) -> str:
    parts = [person.role, person.stakeholder.name if person.stakeholder else ""]
    parts.append(person.municipality.name if person.municipality else _("landelijk of regionaal"))
    return ", ".join(p for p in parts if p)


def find(organisation, query, scope) -> list[Finding]:
    return [
        Finding(
            kind="network_person",
            pk=person.pk,
            reference=f"netwerk-persoon-{person.pk}",
            label=person.name,
            details=(_where(person), ", ".join(v for v in (person.email, person.phone) if v)),
            url=reverse("network:person_detail", args=[person.pk]),
        )
        for person in find_people(organisation, query)
    ]


def export(findings, *, scope, query) -> list[Record]:
    people = Person.objects.filter(pk__in=[f.pk for f in findings]).select_related(
        "stakeholder", "municipality"
    )
    records = []
    for person in people:
        moments = ContactMoment.objects.filter(person=person).order_by("date", "pk")
        private = sum(1 for m in moments if m.private)
        records.append(
            Record(
                kind="network_person",
                reference=f"netwerk-persoon-{person.pk}",
                title=_("In het netwerk: %(name)s") % {"name": person.name},
                fields=[
                    ("name", _("Naam"), person.name),
                    ("role", _("Functie of rol"), person.role),
                    ("stakeholder", _("Werkt bij"), str(person.stakeholder or "")),
                    ("municipality", _("Gemeente"), str(person.municipality or "")),
                    ("email", _("E-mailadres"), person.email),
                    ("phone", _("Telefoonnummer"), person.phone),
                    (
                        "preferred_contact",
                        _("Liefst contact via"),
                        person.get_preferred_contact_display(),
                    ),
                    ("stage", _("Netwerkstap"), person.get_stage_display()),
                    ("key_contact", _("Sleutelfiguur"), person.key_contact),
                    (
                        "keep_in_touch_days",
                        _("Contact houden: elke zoveel dagen"),
                        person.keep_in_touch_days,
                    ),  # fmt: skip
                    ("last_contact_on", _("Laatste contact"), person.last_contact_on),
                    ("left_role_on", _("Uit deze functie sinds"), person.left_role_on),
                    ("notes", _("Notities"), person.notes),
                    ("created_at", _("In het netwerk sinds"), person.created_at),
                ],
                parts=[
                    Record(
                        kind="contact_moment",
                        reference=str(moment.pk),
                        title=_("Contact op %(date)s")
                        % {"date": formats.date_format(moment.date, "j F Y")},
                        fields=[
                            ("date", _("Datum"), moment.date),
                            ("kind", _("Soort contact"), moment.get_kind_display()),
                            ("discussed", _("Wat is besproken"), moment.discussed),
                            ("next_step", _("Volgende stap"), moment.next_step),
                            ("next_step_on", _("Volgende stap op"), moment.next_step_on),
                        ],
                    )
                    for moment in moments
                    if not moment.private
                ],
                note=(
                    _("Daarnaast zijn er %(n)s contactmomenten die alleen een lokale groep ziet.")
                    % {"n": private}
                    if private
                    else ""
                ),
            )
        )
    return records


def erase(findings, *, query, actor, note: str) -> None:
    for person in Person.objects.filter(pk__in=[f.pk for f in findings]):
        # Searched by e-mail or phone, the contact log may still name them: take both out.
        own_name = SubjectQuery(NAME, person.name)
        services.person_erase(
            person=person, redact=lambda text, n=own_name: n.redact(query.redact(text))
        )


PEOPLE = Finder(
    kind="network_person",
    title=gettext_lazy("Personen in het netwerk"),
    erases=gettext_lazy(
        "De naam wordt ‘Gewiste persoon’; functie, e-mailadres, telefoonnummer en notities "
        "worden leeggemaakt. Contactmomenten, relaties en dossiers blijven, zonder naam."
    ),
    find=find,
    export=export,
    erase=erase,
)
