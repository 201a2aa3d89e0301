"""The board-meeting agenda: new and open signals, by theme, pseudonymised; then 'besproken'.

The seeds: only about a third of the groups get the signals they hear onto the board's table.
One click makes the agenda (PDF and Word); one click after the meeting marks them discussed.
The PDF is made by a task (lib.pdfs), the Word file within the request (it takes milliseconds).

What each reader sees is the disclosure rule's (purpose AGENDA): the group's members get every
signal pseudonymised; national staff see on screen only what was shared with the office. The
PDF and Word files are the board's papers: for the group's members only.
"""

import io
from functools import partial
from itertools import groupby

from django.conf import settings
from django.db import transaction
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
    Status,
)
from .services import signal_transition, unique_reference


def agenda_candidates(group):
    """What goes on the next agenda: every signal of the group that is new or in progress."""
    return (
        Signal.objects.filter(group=group, status__in=list(OPEN_STATUSES))
        .select_related("theme", "municipality")
        .order_by("theme__position", "theme__name", "received_at")
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


@transaction.atomic
def agenda_mark_discussed(*, agenda: AgendaRun, actor) -> int:
    """Mark every signal on the agenda 'besproken' (where the workflow allows); returns how many."""
    agenda = AgendaRun.objects.select_for_update().get(pk=agenda.pk)
    marked = 0
    for signal in agenda.signals.all():
        if Status.DISCUSSED in TRANSITIONS.get(signal.status, set()):
            signal_transition(signal=signal, to_status=Status.DISCUSSED, actor=actor)
            marked += 1
    agenda.discussed_at = timezone.now()
    agenda.save(update_fields=["discussed_at"])
    return marked


def agenda_context(agenda: AgendaRun, scope: Scope | None = None) -> dict:
    """What `scope` (by default the group's board) reads of the agenda."""
    scope = scope or board_scope(agenda.group)
    signals, hidden = readable(scope, list(agenda.signals.select_related("theme", "municipality")))
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
    from docx.shared import Pt

    context = agenda_context(agenda)
    document = Document()
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
                ]
                if part
            )
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(meta).bold = True
            document.add_paragraph(signal.agenda_story)
    document.add_heading(_("Besluit"), level=1)
    document.add_paragraph(_("Wat doen we hiermee? (bundelen, doorgeven, geen actie, afronden)"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
