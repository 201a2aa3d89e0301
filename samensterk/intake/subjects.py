"""What intake holds about a person, for data-subject requests (privacy.subjects).

- The contact details a reporter left with a signal, across the organisation's signals.
  Erasing them deletes the contact details (`signal_erase_contact`) and replaces the story by
  its pseudonymised form: the signal keeps counting and its tracking code keeps working.
- The stories that mention the person: only those the user reads as told (the disclosure
  rule, as in the signal list's search). Erasing replaces the
  story by its pseudonymised form, with every mention of the person taken out.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.privacy.subjects import (
    MAX_FINDINGS,
    Finder,
    Finding,
    Record,
    confirmed,
    mentioning,
)

from . import disclosure, services
from .models import Signal, SignalContact

ERASED_NOTE = gettext_lazy("Op verzoek van de betrokkene")


def _side(signal: Signal) -> str:
    return signal.group.name if signal.group_id else signal.organisation.office_name


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y") if value else ""


def _visible(scope, signal: Signal) -> bool:
    """Could the user open the signal's page (intake.selectors.visible_filter)?"""
    return disclosure.may_see(scope, signal)


def _told(scope, signal: Signal) -> bool:
    return disclosure.story_form(scope, signal, disclosure.Purpose.PAGE) == disclosure.Form.TOLD


def _url(scope, signal: Signal) -> str:
    if not _visible(scope, signal):
        return ""
    return reverse("intake:signal_detail", args=[signal.reference])


def _signal_fields(scope, signal: Signal) -> list:
    owned = _told(scope, signal)
    story = disclosure.story_text(scope, signal, disclosure.Purpose.PAGE)
    return [
        ("reference", _("Kenmerk"), signal.reference),
        ("received_at", _("Ontvangen"), signal.received_at),
        ("channel", _("Kanaal"), signal.get_channel_display()),
        ("reporter_role", _("Wie vertelde"), signal.get_reporter_role_display()),
        ("side", _("Bij"), _side(signal)),
        ("municipality", _("Gemeente"), signal.municipality.name if signal.municipality else ""),
        ("theme", _("Thema"), signal.theme.name if signal.theme else ""),
        ("status", _("Status"), signal.get_status_display()),
        ("consent_anonymous_use", _("Mag anoniem gebruikt worden"), signal.consent_anonymous_use),
        (
            "consent_share_national",
            _("Mag naar het landelijk bureau"),
            signal.consent_share_national,
        ),
        ("consent_contact", _("Mag contact opnemen"), signal.consent_contact),
        ("story" if owned else "story_pseudonymised", _("Verhaal"), story),
    ]


def _story_note(scope, signal: Signal) -> str:
    if _told(scope, signal):
        return ""
    return _(
        "Dit is het verhaal zonder namen en andere persoonsgegevens. Het oorspronkelijke verhaal "
        "ziet alleen %(side)s."
    ) % {"side": _side(signal)}


# --- Contact details ------------------------------------------------------------------------


def find_contacts(organisation, query, scope) -> list[Finding]:
    name = query.pick(name="name", email="email", phone="phone")
    rows = (
        query.prepare(SignalContact.objects.all(), name)
        .filter(query.field_q(name), signal__organisation=organisation)
        .select_related("signal__group", "signal__organisation")
        .order_by("-signal__received_at")
    )
    findings = []
    for contact in confirmed(rows.iterator(), query, name):
        signal = contact.signal
        if _contact_shown(scope, signal):
            held = ", ".join(v for v in (contact.name, contact.email, contact.phone) if v)
        else:
            held = _("Gevonden op %(what)s; de contactgegevens ziet alleen %(side)s.") % {
                "what": query.kind_label,
                "side": _side(signal),
            }
        findings.append(
            Finding(
                kind="signal_contact",
                pk=contact.pk,
                reference=signal.reference,
                label=_("Signaal %(reference)s") % {"reference": signal.reference},
                details=(f"{_side(signal)} · {_date(signal.received_at)}", held),
                url=_url(scope, signal),
            )
        )
    return findings


def _contact_shown(scope, signal: Signal) -> bool:
    """The disclosure rule's answer for contact details (the signal's page)."""
    return disclosure.contact_allowed(scope, signal, disclosure.Purpose.PAGE)


def _contact_fields(scope, contact: SignalContact, query) -> list:
    if not _contact_shown(scope, contact.signal):
        held = _("Gevonden op %(what)s; de contactgegevens ziet alleen %(side)s.") % {
            "what": query.kind_label,
            "side": _side(contact.signal),
        }
        return [("contact", _("Contactgegevens"), held)]
    return [
        ("contact_name", _("Naam"), contact.name),
        ("contact_email", _("E-mailadres"), contact.email),
        ("contact_phone", _("Telefoonnummer"), contact.phone),
        ("receipt_sent_at", _("Ontvangstbevestiging gestuurd"), contact.receipt_sent_at),
    ]


def export_contacts(findings, *, scope, query) -> list[Record]:
    contacts = SignalContact.objects.filter(pk__in=[f.pk for f in findings]).select_related(
        "signal__group", "signal__organisation", "signal__municipality", "signal__theme"
    )
    return [
        Record(
            kind="signal_contact",
            reference=contact.signal.reference,
            title=_("Signaal %(reference)s met contactgegevens")
            % {"reference": contact.signal.reference},
            fields=[
                *_contact_fields(scope, contact, query),
                *_signal_fields(scope, contact.signal),
            ],
            note=_story_note(scope, contact.signal),
        )
        for contact in contacts
    ]


def erase_contacts(findings, *, query, actor, note: str) -> None:
    contacts = SignalContact.objects.filter(pk__in=[f.pk for f in findings]).select_related(
        "signal"
    )
    for contact in contacts:
        signal = contact.signal
        services.signal_erase_contact(signal=signal, actor=actor, note=str(ERASED_NOTE))
        services.signal_pseudonymise_story(
            signal=signal, actor=actor, redact=query.redact, note=str(ERASED_NOTE)
        )


# --- Stories that mention the person --------------------------------------------------------


def find_stories(organisation, query, scope) -> list[Finding]:
    rows = (
        query.prepare(Signal.objects.all(), "story")
        .filter(disclosure.told_q(scope), query.text_q("story"), organisation=organisation)
        .exclude(story="")
        .select_related("group", "organisation")
        .defer("story_pseudonymised", "theme_suggestions")
        .order_by("-received_at")
    )
    return [
        Finding(
            kind="signal_story",
            pk=signal.pk,
            reference=signal.reference,
            label=_("Signaal %(reference)s") % {"reference": signal.reference},
            details=(f"{_side(signal)} · {_date(signal.received_at)}", query.snippet(signal.story)),
            url=_url(scope, signal),
        )
        for signal in mentioning(rows.iterator(), query, "story")
    ]


def export_stories(findings, *, scope, query) -> list[Record]:
    signals = Signal.objects.filter(pk__in=[f.pk for f in findings]).select_related(
        "group", "organisation", "municipality", "theme"
    )
    return [
        Record(
            kind="signal_story",
            reference=signal.reference,
            title=_("Signaal %(reference)s waarvan het verhaal deze persoon noemt")
            % {"reference": signal.reference},
            fields=_signal_fields(scope, signal),
        )
        for signal in signals[:MAX_FINDINGS]
    ]


def erase_stories(findings, *, query, actor, note: str) -> None:
    for signal in Signal.objects.filter(pk__in=[f.pk for f in findings]):
        services.signal_pseudonymise_story(
            signal=signal, actor=actor, redact=query.redact, note=str(ERASED_NOTE)
        )


CONTACTS = Finder(
    kind="signal_contact",
    title=gettext_lazy("Contactgegevens bij signalen"),
    erases=gettext_lazy(
        "De contactgegevens worden verwijderd en het verhaal wordt vervangen door de versie "
        "zonder namen. Het signaal blijft meetellen en de volgcode van de melder blijft werken."
    ),
    find=find_contacts,
    export=export_contacts,
    erase=erase_contacts,
)

STORIES = Finder(
    kind="signal_story",
    title=gettext_lazy("Verhalen die deze persoon noemen"),
    erases=gettext_lazy(
        "Het verhaal wordt vervangen door de versie zonder namen; ook elke vermelding van wat "
        "je zocht gaat eruit. Het signaal blijft meetellen."
    ),
    find=find_stories,
    export=export_stories,
    erase=erase_stories,
)
