"""Writes for signals. The meldknop, staff intake, paper entry, import and API all call these."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from samensterk.privacy.models import AuditLog

from . import disclosure, opendata, retention, tasks
from .models import (
    CLOSED_STATUSES,
    REASON_REQUIRED,
    TRACKING_ALPHABET,
    TRANSITIONS,
    AgendaPdf,
    Channel,
    ConsentText,
    ReporterRole,
    Signal,
    SignalContact,
    SignalEvent,
    Status,
    story_version,
    tracking_code_for,
    tracking_hash,
)
from .notifications import STATUS_MAILED
from .validation import (  # noqa: F401 (imported from here by views, imports and tests)
    CONTACT_MISSING,
    EMAIL_INVALID,
    PHONE_INVALID,
    STORY_EMPTY,
    STORY_MAX,
    STORY_TOO_LONG,
    clean_contact,
    clean_email,
    clean_phone,
    clean_story,
    story_length,
)

GROUP_OTHER_ORGANISATION = _("Deze groep hoort niet bij deze organisatie.")
TRANSITION_NOT_ALLOWED = _("Deze stap kan niet vanuit de huidige status.")
REASON_MISSING = _("Geef een reden op.")
HANDOVER_NO_CONSENT = _(
    "De melder heeft geen toestemming gegeven om dit signaal door te geven "
    "aan het landelijk bureau."
)
HANDOVER_NOT_NATIONAL = _("Alleen signalen van het landelijk bureau kunnen naar een groep.")
HANDOVER_NO_GROUP_CONSENT = _(
    "De melder heeft geen toestemming gegeven om het verhaal aan een lokale groep te geven."
)
NOT_HANDED_OVER = _("Dit signaal is niet overgedragen; er valt niets terug te geven.")
NOTE_EMPTY = _("Schrijf een notitie.")
NOTE_TOO_LONG = _("Een notitie is hoogstens 2000 tekens.")
ASSIGNEE_NOT_MEMBER = _("Deze persoon hoort niet bij de groep van dit signaal.")
WITHDRAWN_ALREADY = _("Dit signaal is ingetrokken.")
RETAIN_NO_CONTACT = _("Dit signaal heeft geen contactgegevens (meer) om te bewaren.")
RETAIN_REASON_MISSING = _("Schrijf op waarom de contactgegevens langer bewaard moeten worden.")
RETAIN_IN_PAST = _("Deze datum is al voorbij. Kies een datum vanaf vandaag.")
RETAIN_TOO_FAR = _("Zo lang kan niet. Kies een datum tot uiterlijk %(date)s.")
RETAIN_WITHIN_TERM = _(
    "Tot die datum worden de contactgegevens toch al bewaard: ze worden pas vanaf %(date)s "
    "gewist. Kies een latere datum."
)

# --- Codes ----------------------------------------------------------------------------------


_REFERENCES = len(TRACKING_ALPHABET) ** 8


def random_reference(prefix: str) -> str:
    """An opaque, unambiguous reference for URLs: S-7KQ3-XM2P."""
    # One secrets.randbelow for all eight characters rather than a choice per character: each
    # of the 30**8 references equally likely.
    return _reference(prefix, secrets.randbelow(_REFERENCES))


def _reference(prefix: str, number: int) -> str:
    chars = []
    for _position in range(8):
        number, digit = divmod(number, len(TRACKING_ALPHABET))
        chars.append(TRACKING_ALPHABET[digit])
    return f"{prefix}-{''.join(chars[:4])}-{''.join(chars[4:])}"


def unique_reference(model, prefix: str) -> str:
    """A random reference not yet used by `model` (collisions become likely past a million)."""
    while True:
        reference = random_reference(prefix)
        if not model.objects.filter(reference=reference).exists():
            return reference


def unique_references(model, prefix: str, count: int) -> list[str]:
    """`count` distinct random references not yet used by `model`, with one query per round."""
    chosen: set[str] = set()
    while len(chosen) < count:
        wanted = {random_reference(prefix) for _n in range(count - len(chosen))} - chosen
        taken = set(model.objects.filter(reference__in=wanted).values_list("reference", flat=True))
        chosen |= wanted - taken
    return list(chosen)


# --- Validation -----------------------------------------------------------------------------


# --- Consent --------------------------------------------------------------------------------

DEFAULT_CONSENT = {
    "anonymous_use": _("Mag de groep je verhaal gebruiken, zonder je naam?"),
    "share_national": _("Mag de groep je verhaal doorgeven aan het landelijke kantoor?"),
    "contact": _("Mogen we je bellen of mailen over je verhaal?"),
    "explanation": _(
        "We gaan goed om met je verhaal. Alleen de groep leest wat je schrijft. "
        "Je naam, e-mailadres en telefoonnummer bewaren we apart, en alleen als je dat wilt. "
        "Als we je verhaal gebruiken, halen we namen en adressen eruit. "
        "Wil je je verhaal later weghalen? Dat kan altijd, met je code."
    ),
}


def consent_text_current(organisation) -> ConsentText:
    """The consent wording the organisation shows now; version 1 is the default wording."""
    current = organisation.consent_texts.order_by("-version").first()
    if current is None:
        current, _created = ConsentText.objects.get_or_create(
            organisation=organisation, version=1, defaults=_default_consent_in_dutch()
        )
    return current


def _default_consent_in_dutch() -> dict[str, str]:
    """The default wording as stored: Dutch, also when the first visitor's page is English
    (the English version is shown from the catalogue, see samensterk.lib.dutch)."""
    with translation.override(settings.LANGUAGE_CODE):
        return {key: str(value) for key, value in DEFAULT_CONSENT.items()}


@transaction.atomic
def consent_text_publish(*, organisation, **wording) -> ConsentText:
    """A new version of the consent wording; old signals keep the version they were given."""
    latest = organisation.consent_texts.select_for_update().order_by("-version").first()
    fields = _default_consent_in_dutch()
    if latest is not None:
        fields.update({key: getattr(latest, key) for key in DEFAULT_CONSENT})
    fields.update({k: v for k, v in wording.items() if k in DEFAULT_CONSENT})
    return ConsentText.objects.create(
        organisation=organisation, version=(latest.version + 1 if latest else 1), **fields
    )


# --- Creating a signal ----------------------------------------------------------------------
# Every way in (public form, staff intake, paper, API: signal_create; import:
# signal_create_many) goes through _prepare (one validation) and _new_signal (one list of fields).


CHANNELS = frozenset(Channel.values)
ROLES = frozenset(ReporterRole.values)

SIGNAL_DEFAULTS = {
    "group": None,
    "received_at": None,
    "reporter_role": ReporterRole.UNKNOWN,
    "municipality": None,
    "municipality_text": "",
    "suggested_municipality": None,
    "theme": None,
    "consent_anonymous_use": False,
    "consent_share_national": False,
    "consent_contact": False,
    "consent_share_group": False,
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "contact_status_mail": False,  # mail news of the status (only with an e-mail address)
    "consent_text": None,
    "follow_up_needed": False,
    "suspected_spam": False,
    "meeting": None,
    "external_id": "",
    "created_by": None,
    "submission_id": None,
    "status": Status.NEW,
    "pseudonymised": None,
}


def _prepare(organisation, story: str, channel: str, fields: dict) -> dict:
    """SIGNAL_DEFAULTS filled in with `fields`, the cleaned story, the channel and the cleaned
    contact details; ValidationError with Dutch messages per field otherwise."""
    unknown = set(fields) - set(SIGNAL_DEFAULTS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    values = {**SIGNAL_DEFAULTS, **fields}
    values["story"] = clean_story(story)
    values["contact"] = clean_contact(
        consent_contact=values["consent_contact"],
        name=values["contact_name"],
        email=values["contact_email"],
        phone=values["contact_phone"],
    )
    if values["contact"].get("email") and values["contact_status_mail"]:
        values["contact"]["status_mail"] = True
    if channel not in CHANNELS:
        raise ValidationError({"channel": _("Onbekend kanaal.")})
    if values["reporter_role"] not in ROLES:
        raise ValidationError({"reporter_role": _("Kies wie dit vertelt.")})
    group = values["group"]
    if group is not None and group.organisation_id != organisation.pk:
        raise ValidationError({"group": GROUP_OTHER_ORGANISATION})
    values["channel"] = channel
    return values


def _new_signal(organisation, values: dict, *, proposals, pseudonymised, reference) -> Signal:
    """A new, unsaved signal from _prepare's values: one place that decides what it holds."""
    now = timezone.now()
    submission_id = values["submission_id"] or uuid.uuid4()
    return Signal(
        organisation=organisation,
        group=values["group"],
        reference=reference,
        submission_id=submission_id,
        tracking_hash=tracking_hash(tracking_code_for(submission_id)),
        channel=values["channel"],
        received_at=values["received_at"] or now,
        reporter_role=values["reporter_role"],
        municipality=values["municipality"],
        municipality_text=values["municipality_text"][:100],
        theme=values["theme"],
        story=values["story"],
        story_pseudonymised=pseudonymised,
        theme_suggestions=proposals["theme_suggestions"],
        # A guess from what was typed in the municipality box wins over one from the story.
        suggested_municipality_id=(
            values["suggested_municipality"].pk
            if values["suggested_municipality"] is not None
            else proposals["suggested_municipality_id"]
        ),
        consent_anonymous_use=values["consent_anonymous_use"],
        consent_share_national=values["consent_share_national"],
        consent_contact=bool(values["contact"]),
        consent_share_group=values["consent_share_group"],
        consent_text=values["consent_text"],
        follow_up_needed=values["follow_up_needed"],
        suspected_spam=values["suspected_spam"],
        meeting=values["meeting"],
        external_id=values["external_id"],
        created_by=values["created_by"],
        status=values["status"],
        shared_with_national=values["group"] is None,
        closed_at=now if values["status"] in CLOSED_STATUSES else None,
    )


def _add_contacts_and_events(signals: list[Signal], prepared: list[dict]) -> None:
    """What comes with each new signal: its contact details (if any) and its first event."""
    SignalContact.objects.bulk_create(
        [
            SignalContact(signal=signal, **values["contact"])
            for signal, values in zip(signals, prepared, strict=True)
            if values["contact"]
        ]
    )
    SignalEvent.objects.bulk_create(
        [
            SignalEvent(
                signal=signal,
                actor=values["created_by"],
                kind=SignalEvent.Kind.CREATED,
                to_value=signal.channel,
            )
            for signal, values in zip(signals, prepared, strict=True)
        ]
    )


def signal_create(*, organisation, story: str, channel: str, **fields) -> Signal:
    """Create one signal. Idempotent per submission_id: sending the same form twice gives one.

    Fields (all optional): see SIGNAL_DEFAULTS. Raises ValidationError (with Dutch messages per
    field) and stores nothing on bad input. The story is pseudonymised by the task worker after
    the commit (tasks.pseudonymise_signal); until then nothing leaves the group.
    """
    values = _prepare(organisation, story, channel, fields)
    story = values["story"]
    pseudonymised = values["pseudonymised"] or ""
    signal = _new_signal(
        organisation,
        values,
        proposals=_proposals(organisation, values["group"], story),
        pseudonymised=pseudonymised,
        reference=random_reference("S"),
    )
    # No look-ups first: the unique constraints decide. A form sent twice finds the signal
    # stored the first time; a reference that happens to be taken is drawn again.
    for attempt in range(1, 4):
        try:
            with transaction.atomic():
                signal.save()
                _add_contacts_and_events([signal], [values])
                if not pseudonymised:
                    tasks.enqueue_on_commit(tasks.pseudonymise_signal, signal.pk)
        except IntegrityError:
            signal.pk = None
            existing = Signal.objects.filter(submission_id=signal.submission_id).first()
            if existing is not None:
                existing.sent_before = True  # the public form shows its receipt only once
                return existing
            if attempt == 3:
                raise
            signal.reference = random_reference("S")
        else:
            return signal
    raise AssertionError("unreachable")


# Rows per INSERT statement; Django lowers it to what the database accepts (SQLite: 999
# parameters).
INSERT_BATCH = 1000


@transaction.atomic
def signal_create_many(*, organisation, items: list[dict]) -> list[int]:
    """Create many signals at once (imports): the same rules as signal_create, with bulk inserts
    and the suggester run over the whole batch. Each item holds story, channel and the fields of
    SIGNAL_DEFAULTS. The worker pseudonymises the stories afterwards (tasks.pseudonymise_pending):
    the slowest step by far; nothing leaves the group before it is done. Returns the new signals'
    ids, in order."""
    prepared = [
        _prepare(
            organisation,
            item["story"],
            item["channel"],
            {k: v for k, v in item.items() if k not in ("story", "channel")},
        )
        for item in items
    ]
    proposals = _proposals_many(organisation, [(v["group"], v["story"]) for v in prepared])
    references = unique_references(Signal, "S", len(prepared))
    signals = [
        _new_signal(
            organisation,
            values,
            proposals=proposal,
            pseudonymised=values["pseudonymised"] or "",
            reference=reference,
        )
        for values, proposal, reference in zip(prepared, proposals, references, strict=True)
    ]
    # On PostgreSQL and SQLite 3.35+ bulk_create sets the new primary keys on the objects.
    Signal.objects.bulk_create(signals, batch_size=INSERT_BATCH)
    _add_contacts_and_events(signals, prepared)
    return [signal.pk for signal in signals]


def _proposals(organisation, group, story: str) -> dict:
    """Theme suggestions and the municipality named in the text, made as the signal comes in."""
    return _proposals_many(organisation, [(group, story)])[0]


class _GroupArea:
    """The CBS codes of a group's area, read only when a detection needs them."""

    def __init__(self, group):
        self.group = group
        self.codes: set[str] | None = None

    def __contains__(self, code: str) -> bool:
        if self.codes is None:
            self.codes = set(self.group.municipalities.values_list("code", flat=True))
        return code in self.codes


def _proposals_many(organisation, pairs: list[tuple]) -> list[dict]:
    """The same for many (group, story) pairs: the suggester runs over them as one batch."""
    from samensterk.insight.services import annotate_many
    from samensterk.places.selectors import municipality_ids_by_code

    areas: dict = {}
    for group, _story in pairs:
        if group is not None and group.pk not in areas:
            areas[group.pk] = _GroupArea(group)
    found = annotate_many(
        organisation_id=organisation.pk,
        texts=[story for _group, story in pairs],
        areas=[areas.get(group.pk) if group else None for group, _story in pairs],
    )
    ids = municipality_ids_by_code()  # one query for the whole batch
    return [
        {
            "theme_suggestions": f["theme_suggestions"],
            "suggested_municipality_id": ids.get(f["suggested_municipality_code"]),
        }
        for f in found
    ]


# --- Triage ---------------------------------------------------------------------------------


def _event(signal, actor, kind, from_value="", to_value="", note=""):
    SignalEvent.objects.create(
        signal=signal,
        actor=actor,
        kind=kind,
        from_value=str(from_value or "")[:200],
        to_value=str(to_value or "")[:200],
        note=note,
    )


@transaction.atomic
def signal_transition(*, signal: Signal, to_status: str, actor, reason: str = "") -> Signal:
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if to_status not in TRANSITIONS.get(signal.status, set()):
        raise ValidationError({"status": TRANSITION_NOT_ALLOWED})
    reason = (reason or "").strip()
    if to_status in REASON_REQUIRED and not reason:
        raise ValidationError({"reason": REASON_MISSING})
    previous = signal.status
    now = timezone.now()
    signal.status = to_status
    signal.status_reason = reason if to_status in REASON_REQUIRED else signal.status_reason
    if to_status == Status.DISCUSSED and signal.discussed_at is None:
        signal.discussed_at = now
    signal.closed_at = now if to_status in CLOSED_STATUSES else None
    signal.save(
        update_fields=["status", "status_reason", "discussed_at", "closed_at", "updated_at"]
    )
    _event(signal, actor, SignalEvent.Kind.STATUS, previous, to_status, reason)
    if to_status in STATUS_MAILED and signal.consent_contact:
        tasks.enqueue_on_commit(tasks.mail_status, signal.pk, to_status)
    return signal


@transaction.atomic
def signal_assign(*, signal: Signal, assignee, actor) -> Signal:
    from samensterk.accounts.permissions import scope_for

    if assignee is not None and not disclosure.may_see(scope_for(assignee), signal):
        raise ValidationError({"assigned_to": ASSIGNEE_NOT_MEMBER})
    return _change(
        signal, "assigned_to", assignee, actor, SignalEvent.Kind.ASSIGNED, lambda u: u.full_name
    )


def _change(signal: Signal, field: str, value, actor, kind, describe) -> Signal:
    """Set one field and record from -> to in the history (nothing when it stays the same)."""
    previous = getattr(signal, field)
    if previous == value:
        return signal
    setattr(signal, field, value)
    signal.save(update_fields=[field, "updated_at"])
    _event(
        signal,
        actor,
        kind,
        describe(previous) if previous else "",
        describe(value) if value else "",
    )
    return signal


@transaction.atomic
def signal_set_theme(*, signal: Signal, theme, actor) -> Signal:
    return _change(signal, "theme", theme, actor, SignalEvent.Kind.THEME, lambda t: t.code)


@transaction.atomic
def signal_set_municipality(*, signal: Signal, municipality, actor) -> Signal:
    return _change(
        signal, "municipality", municipality, actor, SignalEvent.Kind.MUNICIPALITY, lambda m: m.name
    )


@transaction.atomic
def signal_handover_to_national(*, signal: Signal, actor, note: str = "") -> Signal:
    """A group passes a signal to the national office: only with the reporter's consent."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if not signal.consent_share_national:
        raise ValidationError(HANDOVER_NO_CONSENT)
    if signal.is_withdrawn:
        raise ValidationError(WITHDRAWN_ALREADY)
    previous = signal.status
    signal.shared_with_national = True
    fields = ["shared_with_national", "updated_at"]
    if Status.FORWARDED in TRANSITIONS.get(signal.status, set()):
        signal.status = Status.FORWARDED
        fields.append("status")
    signal.save(update_fields=fields)
    _event(
        signal,
        actor,
        SignalEvent.Kind.HANDOVER,
        signal.group.name if signal.group else "",
        signal.organisation.office_name,
        note,
    )
    if signal.status != previous:
        _event(signal, actor, SignalEvent.Kind.STATUS, previous, signal.status)
    return signal


@transaction.atomic
def signal_handover_to_group(*, signal: Signal, group, actor, note: str = "") -> Signal:
    """The national office hands a signal to a local group: only with the reporter's consent
    (asked on the phone). The office keeps it; the group gets the story pseudonymised unless
    the reporter also allowed contact (disclosure.py)."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.group_id is not None:
        raise ValidationError(HANDOVER_NOT_NATIONAL)
    if group.organisation_id != signal.organisation_id:
        raise ValidationError({"group": GROUP_OTHER_ORGANISATION})
    if signal.is_withdrawn:
        raise ValidationError(WITHDRAWN_ALREADY)
    if not signal.consent_share_group:
        raise ValidationError(HANDOVER_NO_GROUP_CONSENT)
    previous_status = signal.status
    signal.group = group
    signal.handed_down = True
    signal.shared_with_national = True  # both sides keep the signal
    signal.status = Status.NEW
    signal.closed_at = None
    signal.save(
        update_fields=[
            "group",
            "handed_down",
            "shared_with_national",
            "status",
            "closed_at",
            "updated_at",
        ]
    )
    _event(
        signal, actor, SignalEvent.Kind.HANDOVER, signal.organisation.office_name, group.name, note
    )
    if previous_status != Status.NEW:
        _event(signal, actor, SignalEvent.Kind.STATUS, previous_status, Status.NEW)
    return signal


@transaction.atomic
def signal_hand_back(*, signal: Signal, actor, note: str = "") -> Signal:
    """Undo a hand-over: a signal handed down goes back to the national office alone, one handed
    up goes back to its group alone. Either side may do it; the history keeps both steps."""
    signal = (
        # Only the signal's row: PostgreSQL refuses FOR UPDATE across the outer join to a group
        # that may be empty.
        Signal.objects.select_for_update(of=("self",))
        .select_related("group", "organisation")
        .get(pk=signal.pk)
    )
    if signal.is_withdrawn:
        raise ValidationError(WITHDRAWN_ALREADY)
    office = signal.organisation.office_name
    if signal.handed_down:
        group_name = signal.group.name
        signal.group = None
        signal.handed_down = False
        signal.shared_with_national = False
        fields = ["group", "handed_down", "shared_with_national", "updated_at"]
        from_value, to_value = group_name, office
    elif signal.group_id is not None and signal.shared_with_national:
        signal.shared_with_national = False
        fields = ["shared_with_national", "updated_at"]
        from_value, to_value = office, signal.group.name
    else:
        raise ValidationError(NOT_HANDED_OVER)
    previous = signal.status
    if signal.status == Status.FORWARDED:
        signal.status = Status.IN_PROGRESS
        fields.append("status")
    signal.save(update_fields=fields)
    _event(signal, actor, SignalEvent.Kind.HANDED_BACK, from_value, to_value, note)
    if signal.status != previous:
        _event(signal, actor, SignalEvent.Kind.STATUS, previous, signal.status)
    return signal


@transaction.atomic
def signal_add_note(*, signal: Signal, actor, text: str) -> Signal:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"note": NOTE_EMPTY})
    if len(text) > 2000:
        raise ValidationError({"note": NOTE_TOO_LONG})
    _event(signal, actor, SignalEvent.Kind.NOTE, note=text)
    Signal.objects.filter(pk=signal.pk).update(updated_at=timezone.now())
    return signal


@transaction.atomic
def signal_clear_spam_flag(*, signal: Signal, actor) -> Signal:
    """A person sent it after all (their browser filled the hidden honeypot): an ordinary
    signal from now on. Spam itself is closed with the status "geen actie"."""
    if not signal.suspected_spam:
        return signal
    signal.suspected_spam = False
    signal.save(update_fields=["suspected_spam", "updated_at"])
    _event(signal, actor, SignalEvent.Kind.NOT_SPAM)
    return signal


# --- The reporter ---------------------------------------------------------------------------


@transaction.atomic
def signal_add_info(*, signal: Signal, text: str, seen: str = "") -> Signal:
    """The reporter adds to their story (via the tracking code). `seen`: the story_version the
    form was shown with; sent again (a reload), it is not added twice (`added_before`)."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.is_withdrawn:
        raise ValidationError(WITHDRAWN_ALREADY)
    addition = clean_story(text)
    if seen and seen != story_version(signal.story) and signal.story.endswith(f"]\n{addition}"):
        signal.added_before = True
        return signal
    stamp = timezone.localtime().strftime("%d-%m-%Y")
    story = f"{signal.story}\n\n[{_('Aanvulling')} {stamp}]\n{addition}"
    if len(story) > STORY_MAX:
        raise ValidationError({"story": STORY_TOO_LONG})
    signal.story = story
    signal.story_pseudonymised = ""  # nothing leaves the group until the worker redoes it
    signal.story_replaced_at = None  # the new words get retention's treatment too
    signal.save(update_fields=["story", "story_pseudonymised", "story_replaced_at", "updated_at"])
    _event(signal, None, SignalEvent.Kind.INFO_ADDED)
    tasks.enqueue_on_commit(tasks.pseudonymise_signal, signal.pk)
    return signal


def withdrawal_reach(signal: Signal) -> dict[str, int | bool]:
    """What a withdrawal takes away, to tell the reporter exactly (before it happens)."""
    return {
        "contact": SignalContact.objects.filter(signal=signal).exists(),
        # Reverse relations of higher apps (dossiers, reports): read, not imported.
        "agendas": signal.agendas.count(),
        "dossiers": signal.dossiers.count(),
        "reports": signal.reports.count(),
        "national": signal.group_id is not None and signal.shared_with_national,
    }


@transaction.atomic
def signal_withdraw(*, signal: Signal) -> Signal:
    """The reporter withdraws: the story and contact details are erased for good. Everything
    that shows stories asks the disclosure rule, which shows "ingetrokken" in its place:
    agendas, signal reports (also finalised ones and PDFs made afterwards), exports, dossiers,
    similar signals; counts leave it out, the published open data too."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.is_withdrawn:
        return signal
    previous = signal.status
    now = timezone.now()
    signal.story = ""
    signal.story_pseudonymised = ""
    signal.status = Status.WITHDRAWN
    signal.withdrawn_at = now
    signal.closed_at = now
    signal.consent_contact = False
    signal.save(
        update_fields=[
            "story",
            "story_pseudonymised",
            "status",
            "withdrawn_at",
            "closed_at",
            "consent_contact",
            "updated_at",
        ]
    )
    SignalContact.objects.filter(signal=signal).delete()
    # Kept agenda PDFs quote the story; the next one asked for is made without it.
    AgendaPdf.objects.filter(agenda__signals=signal).delete()
    _event(signal, None, SignalEvent.Kind.WITHDRAWN, previous, Status.WITHDRAWN)
    # It leaves the published open data too: its quarter is worked out again, on commit.
    opendata.signal_withdrawn(signal)
    return signal


@transaction.atomic
def signal_contact_retain(*, signal: Signal, retain_until, reason: str, actor) -> SignalContact:
    """Keep the contact details past their term, up to and including `retain_until`, for a
    stated reason: stored on the contact details, in the history and in the audit log."""
    contact = SignalContact.objects.select_for_update().filter(signal=signal).first()
    if contact is None:
        raise ValidationError(RETAIN_NO_CONTACT)
    reason = (reason or "").strip()
    today = timezone.localdate()
    latest = today + timedelta(days=retention.EXTEND_MAX_DAYS)
    term_end = retention.contact_term_end(signal.received_at)
    errors = {}
    if not reason:
        errors["reason"] = RETAIN_REASON_MISSING
    if retain_until < today:
        errors["retain_until"] = RETAIN_IN_PAST
    elif retain_until > latest:
        errors["retain_until"] = RETAIN_TOO_FAR % {"date": formats.date_format(latest)}
    elif retain_until < term_end:
        # Kept that long anyway: no reason to log an extension that changes nothing.
        errors["retain_until"] = RETAIN_WITHIN_TERM % {"date": formats.date_format(term_end)}
    if errors:
        raise ValidationError(errors)
    previous = contact.retain_until
    contact.retain_until = retain_until
    contact.retain_reason = reason[:200]
    contact.save(update_fields=["retain_until", "retain_reason"])
    _event(
        signal,
        actor,
        SignalEvent.Kind.RETENTION_EXTENDED,
        f"{previous:%d-%m-%Y}" if previous else "",
        f"{retain_until:%d-%m-%Y}",
        note=contact.retain_reason,
    )
    AuditLog.objects.create(
        actor=actor,
        organisation_id=signal.organisation_id,
        action=AuditLog.Action.EXTEND_RETENTION,
        object_reference=signal.reference,
        detail=f"tot {retain_until:%d-%m-%Y}: {contact.retain_reason}"[:255],
    )
    return contact


@transaction.atomic
def signal_erase_contact(*, signal: Signal, actor=None, note: str = "") -> bool:
    """Erase the contact details (retention, or on request). Returns whether there were any.
    Without them the signal no longer counts as consenting to contact (as in retention)."""
    deleted, _details = SignalContact.objects.filter(signal=signal).delete()
    if deleted:
        _event(signal, actor, SignalEvent.Kind.CONTACT_ERASED, note=note)
        Signal.objects.filter(pk=signal.pk).update(consent_contact=False)
        signal.consent_contact = False
    return bool(deleted)


@transaction.atomic
def signal_pseudonymise_story(*, signal: Signal, actor=None, redact=None, note: str = "") -> bool:
    """On a data subject's request: the story itself becomes its pseudonymised form, so that
    the signal keeps counting (figures, dossiers, the reporter's tracking page) without naming
    them. `redact` (text -> text) also takes out what the pseudonymiser may have missed, such
    as the searched name written in lower case. A story the worker has yet to pseudonymise is
    redacted now and replaced by its pseudonymised form by a task. Returns whether it changed."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if not signal.story:
        return False
    redact = redact or (lambda text: text)
    if signal.story_pseudonymised:
        signal.story = signal.story_pseudonymised = redact(signal.story_pseudonymised)
    else:
        signal.story = redact(signal.story)
        tasks.enqueue_on_commit(tasks.pseudonymise_replace_story, signal.pk)
    signal.save(update_fields=["story", "story_pseudonymised", "updated_at"])
    # Kept agenda PDFs quote the story; the next one asked for is made from the new one.
    AgendaPdf.objects.filter(agenda__signals=signal).delete()
    _event(signal, actor, SignalEvent.Kind.EDITED, note=note)
    return True
