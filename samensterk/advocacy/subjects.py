"""What advocacy holds about a person, for data-subject requests (privacy.subjects):

- support requests whose member's contact details are theirs, or whose text mentions them;
  erasing takes the person out of the text and, if they are the member, deletes the member's
  name and contact details; the request stays;
- volunteers in the advocate pool; erasing takes them out of the pool without a name;
- duos (by the name of either of the two); erasing erases that name and that person's own
  evaluations.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.privacy.subjects import (
    MAX_FINDINGS,
    NAME,
    Finder,
    Finding,
    Record,
    SubjectQuery,
    confirmed,
    mentioning,
)

from . import services
from .models import Advocate, Duo, DuoEvaluation, RequestContact, SupportRequest, Who

MENTIONED = gettext_lazy("Deze hulpvraag is van iemand anders; de tekst noemt deze persoon.")


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y") if value else ""


# --- Support requests -----------------------------------------------------------------------


def _requests(organisation, query) -> list[SupportRequest]:
    name = query.pick(name="name", email="email", phone="phone")
    contacts = query.prepare(RequestContact.objects.all(), name).filter(
        query.field_q(name), request__organisation=organisation
    )
    by_contact = {c.request_id for c in confirmed(contacts, query, name)}
    texts = (
        query.prepare(SupportRequest.objects.all(), "what", "outcome")
        .filter(query.text_q("what") | query.text_q("outcome"), organisation=organisation)
        .only("pk", "what", "outcome")
    )
    by_text = {r.pk for r in mentioning(texts, query, "what", "outcome")}
    return list(
        SupportRequest.objects.filter(pk__in=by_contact | by_text)
        .select_related("municipality", "group", "contact")
        .order_by("-created_at")[:MAX_FINDINGS]
    )


def _contact(request: SupportRequest):
    return getattr(request, "contact", None)


def find_requests(organisation, query, scope) -> list[Finding]:
    findings = []
    for request in _requests(organisation, query):
        contact = _contact(request)
        if _is_member(request, query):
            held = ", ".join(v for v in (contact.name, contact.email, contact.phone) if v)
        else:
            held = query.snippet(request.what) or query.snippet(request.outcome)
        findings.append(
            Finding(
                kind="support_request",
                pk=request.pk,
                reference=request.reference,
                label=_("Hulpvraag %(reference)s") % {"reference": request.reference},
                details=(
                    f"{request.get_kind_display()} · {request.municipality.name} · "
                    f"{_date(request.created_at)}",
                    held,
                ),
                url=reverse("advocacy:request_detail", args=[request.reference]),
            )
        )
    return findings


def export_requests(findings, *, scope, query) -> list[Record]:
    requests = SupportRequest.objects.filter(pk__in=[f.pk for f in findings]).select_related(
        "municipality", "theme", "group", "advocate", "contact"
    )
    records = []
    for request in requests.order_by("created_at"):
        # The member's details only when the person is the member: someone the text
        # mentions does not get another member's name and address.
        contact = _contact(request) if _is_member(request, query) else None
        member = (
            [
                ("member_name", _("Naam van het lid"), contact.name),
                ("member_email", _("E-mailadres"), contact.email),
                ("member_phone", _("Telefoonnummer"), contact.phone),
            ]
            if contact
            else []
        )
        records.append(
            Record(
                kind="support_request",
                reference=request.reference,
                title=_("Hulpvraag %(reference)s") % {"reference": request.reference},
                note="" if contact else str(MENTIONED),
                fields=[
                    *member,
                    ("kind", _("Wat is er nodig?"), request.get_kind_display()),
                    ("what", _("Waar gaat het over?"), request.what),
                    ("municipality", _("Gemeente"), request.municipality.name),
                    ("when", _("Wanneer?"), request.when),
                    ("theme", _("Thema"), request.theme.name if request.theme else ""),
                    ("group", _("Groep"), request.group.name if request.group else ""),
                    ("status", _("Status"), request.get_status_display()),
                    (
                        "advocate",
                        _("Vrijwilliger"),
                        request.advocate.name if request.advocate else "",
                    ),
                    ("outcome", _("Wat is er gebeurd?"), request.outcome),
                    (
                        "consent_signal",
                        _("Mag (zonder naam) een signaal worden"),
                        request.consent_signal,
                    ),
                    ("created_at", _("Aangemaakt"), request.created_at),
                    ("closed_at", _("Afgesloten"), request.closed_at),
                ],
            )
        )
    return records


def _is_member(request: SupportRequest, query) -> bool:
    """Is the person the request's member (not just someone its text mentions)?"""
    contact = _contact(request)
    return contact is not None and any(
        query.matches(v) for v in (contact.name, contact.email, contact.phone)
    )


def erase_requests(findings, *, query, actor, note: str) -> None:
    requests = SupportRequest.objects.filter(pk__in=[f.pk for f in findings]).select_related(
        "contact"
    )
    for request in requests:
        member = _is_member(request, query)
        # Searched by e-mail or phone, the text may still name the member: take both out.
        own_name = (
            SubjectQuery(NAME, request.contact.name) if member and request.contact.name else None
        )

        def redact(text, own_name=own_name):
            text = query.redact(text)
            return own_name.redact(text) if own_name else text

        services.request_erase(request=request, redact=redact, contact=member)


# --- The advocate pool ----------------------------------------------------------------------


def find_advocates(organisation, query, scope) -> list[Finding]:
    name = query.pick(name="name", email="user__email")
    if not name:
        return []
    rows = (
        Advocate.objects.filter(query.field_q(name), organisation=organisation)
        .select_related("user")
        .order_by("name")
    )
    return [
        Finding(
            kind="advocate",
            pk=advocate.pk,
            reference=f"vrijwilliger-{advocate.pk}",
            label=advocate.name,
            details=(advocate.availability, _("actief") if advocate.active else _("niet actief")),
            url=reverse("advocacy:pool"),
        )
        for advocate in confirmed(rows, query, name)
    ]


def export_advocates(findings, *, scope, query) -> list[Record]:
    advocates = (
        Advocate.objects.filter(pk__in=[f.pk for f in findings])
        .select_related("user")
        .prefetch_related("municipalities", "themes", "trainings")
    )
    return [
        Record(
            kind="advocate",
            reference=f"vrijwilliger-{advocate.pk}",
            title=_("In de pool van vrijwilligers: %(name)s") % {"name": advocate.name},
            fields=[
                ("name", _("Naam"), advocate.name),
                ("account", _("Account"), advocate.user.email if advocate.user else ""),
                (
                    "municipalities",
                    _("Regio"),
                    sorted(m.name for m in advocate.municipalities.all()),
                ),
                ("themes", _("Thema's"), sorted(t.name for t in advocate.themes.all())),
                ("laws", _("Wetten"), advocate.laws),
                (
                    "trainings",
                    _("Cursussen gevolgd"),
                    sorted(t.name for t in advocate.trainings.all()),
                ),
                ("availability", _("Wanneer beschikbaar"), advocate.availability),
                ("active", _("Actief"), advocate.active),
            ],
        )
        for advocate in advocates
    ]


def erase_advocates(findings, *, query, actor, note: str) -> None:
    for advocate in Advocate.objects.filter(pk__in=[f.pk for f in findings]):
        services.advocate_erase(advocate=advocate)


# --- Duos -----------------------------------------------------------------------------------


def _who(duo: Duo, query) -> list[str]:
    """Which of the two the person is."""
    return [
        who
        for who, name in ((Who.WITH, duo.person_with), (Who.WITHOUT, duo.person_without))
        if query.matches(name)
    ]


def find_duos(organisation, query, scope) -> list[Finding]:
    if query.kind != NAME:
        return []
    rows = (
        Duo.objects.filter(
            query.field_q("person_with") | query.field_q("person_without"),
            organisation=organisation,
        )
        .select_related("group")
        .order_by("person_with", "pk")
    )
    return [
        Finding(
            kind="duo",
            pk=duo.pk,
            reference=f"duo-{duo.pk}",
            label=str(duo),
            details=(duo.group.name,),
            url=reverse("advocacy:duo_detail", args=[duo.pk]),
        )
        for duo in confirmed(rows, query, "person_with", "person_without")
    ]


def export_duos(findings, *, scope, query) -> list[Record]:
    duos = Duo.objects.filter(pk__in=[f.pk for f in findings]).select_related("group")
    records = []
    for duo in duos:
        # Only their own evaluations: what the other wrote is the other's.
        evaluations = DuoEvaluation.objects.filter(
            presentation__duo=duo, who__in=_who(duo, query)
        ).select_related("presentation")
        records.append(
            Record(
                kind="duo",
                reference=f"duo-{duo.pk}",
                title=_("Duo: %(duo)s") % {"duo": duo},
                fields=[
                    ("person_with", _("Met een verstandelijke beperking"), duo.person_with),
                    ("person_without", _("De ander"), duo.person_without),
                    ("group", _("Groep"), duo.group.name),
                    (
                        "presentations",
                        _("Presentaties"),
                        [
                            f"{p.title} ({formats.date_format(p.date, 'j F Y')})"
                            for p in duo.presentations.all()
                        ],
                    ),  # fmt: skip
                ],
                parts=[
                    Record(
                        kind="duo_evaluation",
                        reference=str(evaluation.pk),
                        title=_("Evaluatie van %(who)s: %(title)s")
                        % {"who": evaluation.get_who_display(), "title": evaluation.presentation},
                        fields=[
                            (
                                name,
                                DuoEvaluation._meta.get_field(name).verbose_name,
                                # The faces as their words ("gaat wel"), not their codes.
                                getattr(evaluation, f"get_{name}_display")()
                                if name.endswith("_score")
                                else getattr(evaluation, name),
                            )  # fmt: skip
                            for name in (
                                "feeling_score",
                                "role_score",
                                "contribution_score",
                                "together_score",
                                "feeling",
                                "role_clear",
                                "went_well",
                                "better",
                                "contribution",
                                "pitfalls",
                            )
                        ],
                    )
                    for evaluation in evaluations
                ],
            )
        )
    return records


def erase_duos(findings, *, query, actor, note: str) -> None:
    for duo in Duo.objects.filter(pk__in=[f.pk for f in findings]):
        for who in _who(duo, query):
            services.duo_erase_person(duo=duo, who=who)


REQUESTS = Finder(
    kind="support_request",
    title=gettext_lazy("Hulpvragen"),
    erases=gettext_lazy(
        "De persoon wordt uit de tekst van de hulpvraag gehaald; is het het lid zelf, dan worden "
        "ook naam en contactgegevens verwijderd. De hulpvraag zelf blijft."
    ),
    find=find_requests,
    export=export_requests,
    erase=erase_requests,
)

ADVOCATES = Finder(
    kind="advocate",
    title=gettext_lazy("Vrijwilligers in de pool"),
    erases=gettext_lazy(
        "De vrijwilliger gaat uit de pool: naam en beschikbaarheid worden gewist en het account "
        "hangt er niet meer aan."
    ),
    find=find_advocates,
    export=export_advocates,
    erase=erase_advocates,
)

DUOS = Finder(
    kind="duo",
    title=gettext_lazy("Duo's"),
    erases=gettext_lazy(
        "De naam van deze persoon in het duo wordt gewist, en ook de eigen evaluaties. Wat de "
        "ander invulde, blijft."
    ),
    find=find_duos,
    export=export_duos,
    erase=erase_duos,
)
