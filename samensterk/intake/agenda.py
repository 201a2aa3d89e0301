"""The board-meeting agenda: new and open signals, by theme, pseudonymised; then 'besproken'.

The seeds: only about a third of the groups get the signals they hear onto the board's table.
One click makes the agenda (PDF and Word); one click after the meeting marks them discussed.
The PDF is made by a task (lib.pdfs), the Word file within the request (it takes milliseconds).

What each reader sees is the disclosure rule's (purpose AGENDA): the group's members get every
signal pseudonymised; national staff see on screen only what was shared with the office. The
PDF and Word files are the board's papers: for the group's members only.
"""

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from samensterk.accounts.models import GroupRole
from samensterk.accounts.permissions import Scope
from samensterk.lib import pdfs

from .disclosure import Form, Purpose, story_form, story_text
from .models import (
    OPEN_STATUSES,
    TRANSITIONS,
    AgendaPdf,
    AgendaRun,
    Signal,
    SignalEvent,
    Status,
)
from .services import _event, signal_transition, unique_reference

AGENDA_NOTE_EMPTY = _("Schrijf eerst een notitie of besluit.")
AGENDA_NOTE_TOO_LONG = _("Houd de notitie kort: hoogstens 2000 tekens.")


# A group's first agenda (no agenda discussed yet) looks back this far: about one quarter, the
# time between two board meetings of most groups. Older open signals come on with "weer op de
# agenda"; without a limit the first agenda held every open signal since 2025.
FIRST_AGENDA_WEEKS = 13


@dataclass(frozen=True)
class AgendaRule:
    """Which signals the next agenda holds: open signals that came in since `since`, plus
    what was put back on the agenda on purpose. `first`: no agenda of the group was discussed
    yet, so `since` is FIRST_AGENDA_WEEKS ago (received then) instead of the last agenda."""

    since: datetime
    first: bool


def agenda_rule(group, now=None) -> AgendaRule:
    last = (
        AgendaRun.objects.filter(group=group, discussed_at__isnull=False)
        .order_by("-created_at")
        .first()
    )
    if last is not None:
        return AgendaRule(since=last.created_at, first=False)
    now = now or timezone.now()
    return AgendaRule(since=now - timedelta(weeks=FIRST_AGENDA_WEEKS), first=True)


def agenda_candidates(group, rule: AgendaRule | None = None):
    """What goes on the next agenda. Since the last discussed agenda: what was registered after it
    (also a paper form with an older date). A regenerated agenda before the meeting holds the
    same and more; what an agenda did not discuss stays open and comes back."""
    rule = rule or agenda_rule(group)
    came_in = (
        Q(received_at__gte=rule.since)
        if rule.first
        else Q(created_at__gt=rule.since) | Q(received_at__gt=rule.since)
    )
    return (
        Signal.objects.filter(group=group)
        .filter(
            (came_in & Q(status__in=list(OPEN_STATUSES)))
            | (Q(agenda_again_at__isnull=False) & ~Q(status=Status.WITHDRAWN))
        )
        .select_related("theme", "municipality")
        .order_by("theme__position", "theme__name", "received_at")
    )


def older_open_count(group, rule: AgendaRule) -> int:
    """Open signals of the group the rule leaves off (to say so, and link to them)."""
    return (
        Signal.objects.filter(group=group, status__in=list(OPEN_STATUSES))
        .exclude(pk__in=agenda_candidates(group, rule).values("pk"))
        .count()
    )


def board_scope(group) -> Scope:
    """The group's board reading its own papers: what the PDF and Word files are made for."""
    return Scope(
        group_roles={group.pk: GroupRole.VOLUNTEER},
        group_organisations={group.pk: group.organisation_id},
    )


def may_download(scope: Scope, group) -> bool:
    return scope.is_member_of(group)


def readable(scope: Scope, signals) -> tuple[list[Signal], int]:
    """The signals this reader may see on an agenda, each with `agenda_story` set; and how many
    others there are (not shared with the reader's side)."""
    shown = []
    for signal in signals:
        if story_form(scope, signal, Purpose.AGENDA) == Form.NONE:
            continue
        signal.agenda_story = story_text(scope, signal, Purpose.AGENDA)
        shown.append(signal)
    return shown, len(signals) - len(shown)


def by_theme(signals) -> list[tuple[str, list[Signal]]]:
    """[(theme name, signals), ...]; signals without a theme last."""
    ordered = sorted(
        signals,
        key=lambda s: (s.theme is None, s.theme.position if s.theme else 0, s.received_at),
    )
    return [
        (theme.name if theme else _("Nog zonder thema"), list(items))
        for theme, items in groupby(ordered, key=lambda s: s.theme)
    ]


@transaction.atomic
def agenda_create(*, group, actor) -> AgendaRun:
    agenda = AgendaRun.objects.create(
        group=group, reference=unique_reference(AgendaRun, "A"), created_by=actor
    )
    agenda.signals.set(agenda_candidates(group))
    # Start making the PDF once saved, so that it is usually ready when asked for.
    transaction.on_commit(partial(pdfs.enqueue, AgendaPdf, agenda.pk, agenda_pdf_make))
    return agenda


def _discuss(agenda: AgendaRun, signal: Signal, actor, done: set[int] | None = None) -> bool:
    """Mark one item discussed on this agenda; False if it already was."""
    if signal.pk in (discussed_ids(agenda) if done is None else done):
        return False
    if Status.DISCUSSED in TRANSITIONS.get(signal.status, set()):
        signal = signal_transition(signal=signal, to_status=Status.DISCUSSED, actor=actor)
    # Put back on purpose: now it has been discussed again.
    Signal.objects.filter(pk=signal.pk).update(agenda_again_at=None, updated_at=timezone.now())
    _event(signal, actor, SignalEvent.Kind.AGENDA_DISCUSSED, to_value=agenda.reference)
    return True


def discussed_ids(agenda: AgendaRun) -> set[int]:
    return set(
        SignalEvent.objects.filter(
            kind=SignalEvent.Kind.AGENDA_DISCUSSED, to_value=agenda.reference
        ).values_list("signal_id", flat=True)
    )


@transaction.atomic
def agenda_mark_discussed(*, agenda: AgendaRun, actor) -> int:
    """Mark every signal on the agenda discussed ('besproken' where the workflow allows);
    returns how many were not yet."""
    agenda = AgendaRun.objects.select_for_update().get(pk=agenda.pk)
    marked, done = 0, discussed_ids(agenda)
    for signal in agenda.signals.exclude(status=Status.WITHDRAWN):
        marked += _discuss(agenda, signal, actor, done)
    agenda.discussed_at = timezone.now()
    agenda.save(update_fields=["discussed_at"])
    return marked


@transaction.atomic
def agenda_item_update(
    *, agenda: AgendaRun, signal: Signal, actor, note: str = "", discussed: bool = False
) -> None:
    """The board's notes or decision on one item, kept in the signal's history; and/or the item
    marked discussed. Both or nothing."""
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": AGENDA_NOTE_TOO_LONG})
    if not note and not discussed:
        raise ValidationError({"note": AGENDA_NOTE_EMPTY})
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if note:
        _event(signal, actor, SignalEvent.Kind.AGENDA_NOTE, to_value=agenda.reference, note=note)
        Signal.objects.filter(pk=signal.pk).update(updated_at=timezone.now())
    if discussed:
        _discuss(agenda, signal, actor)


@transaction.atomic
def signal_agenda_again(*, signal: Signal, actor, reason: str = "") -> Signal:
    """Put a signal (of a group) back on the group's next agenda, on purpose."""
    reason = (reason or "").strip()[:2000]
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.group_id is None or signal.is_withdrawn:
        raise ValidationError(_("Dit signaal kan niet op de agenda van een groep."))
    if signal.agenda_again_at is None:
        signal.agenda_again_at = timezone.now()
        signal.save(update_fields=["agenda_again_at", "updated_at"])
        _event(signal, actor, SignalEvent.Kind.AGENDA_AGAIN, note=reason)
    return signal


def agenda_notes(agenda: AgendaRun, signal_ids) -> dict[int, list[SignalEvent]]:
    """Per signal: the board's notes made on this agenda."""
    notes: dict[int, list[SignalEvent]] = {}
    events = SignalEvent.objects.filter(
        kind=SignalEvent.Kind.AGENDA_NOTE, to_value=agenda.reference, signal_id__in=signal_ids
    ).select_related("actor")
    for event in events.order_by("at", "pk"):
        notes.setdefault(event.signal_id, []).append(event)
    return notes


def put_back_ids(agenda: AgendaRun, signal_ids) -> set[int]:
    """The items that were on this agenda because someone put them back on purpose: their last
    agenda event before the agenda was made is "weer op de agenda"."""
    last: dict[int, str] = {}
    events = SignalEvent.objects.filter(
        signal_id__in=signal_ids,
        kind__in=[SignalEvent.Kind.AGENDA_AGAIN, SignalEvent.Kind.AGENDA_DISCUSSED],
        at__lte=agenda.created_at,
    ).order_by("at", "pk")
    for signal_id, kind in events.values_list("signal_id", "kind"):
        last[signal_id] = kind
    return {pk for pk, kind in last.items() if kind == SignalEvent.Kind.AGENDA_AGAIN}


def agenda_context(agenda: AgendaRun, scope: Scope | None = None) -> dict:
    """What `scope` (by default the group's board) reads of the agenda; each item with
    `put_back`, `discussed` and `board_notes`."""
    scope = scope or board_scope(agenda.group)
    signals, hidden = readable(scope, list(agenda.signals.select_related("theme", "municipality")))
    ids = [s.pk for s in signals]
    again, done, notes = put_back_ids(agenda, ids), discussed_ids(agenda), agenda_notes(agenda, ids)
    for signal in signals:
        signal.put_back = signal.pk in again
        signal.discussed = signal.pk in done
        signal.board_notes = notes.get(signal.pk, [])
    return {
        "agenda": agenda,
        "group": agenda.group,
        "themes": by_theme(signals),
        "count": len(signals),
        "hidden": hidden,
        "made_on": timezone.localtime(agenda.created_at),
    }


def render_pdf(template: str, context: dict) -> bytes:
    return pdfs.html_to_pdf(render_to_string(template, context))


def agenda_print_html(agenda: AgendaRun) -> str:
    """What the PDF is made from; in Dutch whatever the asker's language, so that the web and the
    worker render (and fingerprint) the same HTML."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("intake/agenda_print.html", agenda_context(agenda))


@task
def agenda_pdf_make(agenda_id: int) -> None:
    agenda = AgendaRun.objects.select_related("group").get(pk=agenda_id)
    pdfs.make(AgendaPdf, agenda.pk, agenda_print_html(agenda))


def agenda_docx(agenda: AgendaRun) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    context = agenda_context(agenda)
    document = Document()
    # python-docx's template is US Letter; Dutch boards print on A4.
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(_("Agenda: signalen voor het bestuur"), level=0)
    document.add_paragraph(
        _("%(group)s · gemaakt op %(date)s · %(count)d signalen")
        % {
            "group": agenda.group.name,
            "date": context["made_on"].strftime("%d-%m-%Y"),
            "count": context["count"],
        }
    )
    document.add_paragraph(
        _("Namen, adressen en andere persoonsgegevens zijn vervangen door codes zoals [PERSOON-1].")
    )
    for theme, signals in context["themes"]:
        document.add_heading(f"{theme} ({len(signals)})", level=1)
        for signal in signals:
            meta = " · ".join(
                part
                for part in [
                    signal.reference,
                    timezone.localtime(signal.received_at).strftime("%d-%m-%Y"),
                    signal.municipality.name if signal.municipality else "",
                    str(signal.get_reporter_role_display()),
                    _("weer op de agenda") if signal.put_back else "",
                ]
                if part
            )
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(meta).bold = True
            document.add_paragraph(signal.agenda_story)
            for note in signal.board_notes:
                document.add_paragraph(_("Besluit of notitie: %(note)s") % {"note": note.note})
            if not signal.board_notes:
                document.add_paragraph(_("Besluit of notitie:") + " " + "_" * 50)
    document.add_heading(_("Besluit"), level=1)
    document.add_paragraph(_("Wat doen we hiermee? (bundelen, doorgeven, geen actie, afronden)"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
