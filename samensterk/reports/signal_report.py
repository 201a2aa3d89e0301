"""The signal report (signaalrapport): composing it, its snapshot, and its PDF (made by a task,
lib.pdfs).

A report leaves the organisation (it goes to a municipality), so: every figure is suppressed
(lib/suppression), stories appear only with the reporter's consent to anonymous use and only
pseudonymised, and the coordinator chooses which. The snapshot holds what the report shows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from samensterk.accounts.permissions import Scope
from samensterk.dossiers.models import Dossier
from samensterk.dossiers.selectors import cost_sheet
from samensterk.dossiers.selectors import visible_filter as dossier_visible
from samensterk.intake import services as signal_services
from samensterk.intake.disclosure import published_text, withdrawn_text
from samensterk.intake.models import ReporterRole, Signal, Status
from samensterk.intake.selectors import visible_filter as signal_visible
from samensterk.lib import pdfs
from samensterk.lib.suppression import (
    MONTH,
    OTHER,
    QUARTER,
    YEAR,
    minimum,
    publish_list,
    publish_series,
)

from .figures import local_month
from .models import ReportStory, SignalReport, SignalReportPdf
from .stories import fingerprint, initial_text, report_text

SUBJECT_NEEDED = gettext_lazy("Kies een gemeente, een thema of allebei.")
PERIOD_ORDER = gettext_lazy("De einddatum ligt voor de begindatum.")
PERIOD_LONG = gettext_lazy("Kies een periode van hoogstens vijf jaar.")
MAX_STORIES = 12


# --- Who may do what ------------------------------------------------------------------------


def can_compose(scope: Scope, *, organisation, group) -> bool:
    """Coordinators for their group, national staff for the national office."""
    return scope.manages_side(organisation.pk, group.pk if group is not None else None)


def visible_filter(scope: Scope) -> Q:
    """Reports the user may open: the owning side's (members of the group; staff for the
    national office's reports)."""
    return scope.owned_q()


# --- What a report counts and may quote ------------------------------------------------------


def _bounds(report) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(report.period_start, time.min, tzinfo=tz),
        datetime.combine(report.period_end, time.max, tzinfo=tz),
    )


def counted_signals(report) -> QuerySet[Signal]:
    """The signals a report counts: the group's (or, for the national office, the whole
    organisation's) about its municipality and theme in its period; withdrawn ones not."""
    start, end = _bounds(report)
    signals = Signal.objects.filter(
        organisation_id=report.organisation_id, received_at__range=(start, end)
    ).exclude(status=Status.WITHDRAWN)
    if report.group_id is not None:
        signals = signals.filter(group_id=report.group_id)
    if report.municipality_id is not None:
        signals = signals.filter(municipality_id=report.municipality_id)
    if report.theme_id is not None:
        signals = signals.filter(theme_id=report.theme_id)
    return signals


def story_candidates(scope: Scope, report) -> QuerySet[Signal]:
    """Stories that may be quoted: consent to anonymous use, visible to the composer."""
    return (
        counted_signals(report)
        .filter(signal_visible(scope), consent_anonymous_use=True)
        .exclude(story="")
        .select_related("municipality", "theme")
        .order_by("-received_at")
    )


def dossier_candidates(scope: Scope, report) -> QuerySet[Dossier]:
    """Dossiers of the report's owner about its municipality or theme."""
    dossiers = Dossier.objects.filter(dossier_visible(scope), organisation=report.organisation)
    dossiers = dossiers.filter(group=report.group) if report.group_id else dossiers
    about = Q()
    if report.municipality_id:
        about |= Q(municipalities=report.municipality_id) | Q(area="landelijk")
    if report.theme_id:
        about |= Q(themes=report.theme_id)
    return dossiers.filter(about).distinct().order_by("title")


# --- The snapshot -----------------------------------------------------------------------------


def _table(title: str, heading: str, table, *, other: str = "", labels=None) -> dict:
    """A published table (one column "n") as the snapshot keeps it: its rows as shown, and
    for the chart every row, also the merged ("overige") and the suppressed ones, with its
    kind, so that no category silently drops out of a chart."""
    labels = labels or (lambda key: key)
    rows, chart = [], []
    for key in table.rows:
        cell = table.cell(key, "n")
        label = other if key == OTHER else str(labels(key))
        # Every hidden figure is "x" (a "< 5" would itself tell the reader it is 1..4).
        rows.append([label, "x" if cell.shown is None else str(cell)])
        kind = "other" if key == OTHER else "shown"
        if cell.shown is None:
            kind = "suppressed"
        chart.append([label, cell.shown, kind])
    return {
        "title": title,
        "heading": heading,
        "rows": rows,
        "total": "x" if table.total.shown is None else str(table.total),
        "chart": chart,
        # Alphabetical: in the order merged (smallest first) the list would rank hidden counts.
        "merged": sorted((str(labels(key)) for key in table.merged_rows), key=str.casefold),
        "other": other,
        "hidden": table.hidden_any,
    }


def _listed(title: str, heading: str, counts: dict[str, int], *, other: str = "") -> dict:
    return _table(title, heading, publish_list(counts, merge=bool(other)), other=other)


SERIES_TITLES = {
    MONTH: gettext_lazy("Signalen per maand"),
    QUARTER: gettext_lazy("Signalen per kwartaal"),
    YEAR: gettext_lazy("Signalen per jaar"),
}
SERIES_HEADINGS = {
    MONTH: gettext_lazy("Maand"),
    QUARTER: gettext_lazy("Kwartaal"),
    YEAR: gettext_lazy("Jaar"),
}


def _period_label(start: date, level: str) -> str:
    """A period of a published series in words: "juni 2026", "2e kwartaal 2026", "2026"."""
    if level == MONTH:
        return _month_label(start)
    if level == QUARTER:
        return _("%(n)de kwartaal %(year)d") % {"n": (start.month - 1) // 3 + 1, "year": start.year}
    return str(start.year)


def _series(months: dict[date, int], first: date, last: date) -> dict:
    """Signals over time: per month, or per quarter or year where months would have to be
    hidden (publish_series widens), so that the chart has no holes."""
    level, table = publish_series(months, first, last)
    step = {MONTH: 1, QUARTER: 3}.get(level, 12)

    def label(start: date) -> str:
        # A period the report's dates cut off counts fewer days: say so.
        index = start.year * 12 + start.month - 1 + step
        after = date(index // 12, index % 12 + 1, 1)
        cut = start < first or after - timedelta(days=1) > last
        text = _period_label(start, level)
        return _("%(period)s (deels)") % {"period": text} if cut else text

    return {
        **_table(str(SERIES_TITLES[level]), str(SERIES_HEADINGS[level]), table, labels=label),
        "granularity": level,
    }


def _month_label(day: date) -> str:
    return date_format(day, "F Y")


def _ranked(counts: dict, none_label: str) -> dict[str, int]:
    """Largest first; the unnamed bucket (no theme, no municipality) under its own label."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0] or "~"))
    return {name or none_label: n for name, n in ordered}


def _by_name(model, counts: dict) -> dict:
    """{id: n} -> {name: n}; the None bucket stays None."""
    names = dict(model.objects.filter(pk__in=[k for k in counts if k]).values_list("pk", "name"))
    named: dict = {}
    for key, n in counts.items():
        name = names.get(key) if key else None
        named[name] = named.get(name, 0) + n
    return named


def figures_for(report) -> dict:
    """The report's tables, from one pass over its signals (a municipality-year of a big city
    is a few hundred thousand signals at 1M: one grouped query, not one per table)."""
    from samensterk.places.models import Municipality
    from samensterk.themes.models import Theme

    signals = counted_signals(report).order_by()
    rows = (
        signals.annotate(month=local_month(report.period_start, report.period_end))
        .values_list("theme_id", "municipality_id", "reporter_role", "month")
        .annotate(n=Count("*"))
        .order_by()
    )
    themes, places, roles, months = (defaultdict(int) for _table in range(4))
    for theme, municipality, role, month, n in rows:
        themes[theme] += n
        places[municipality] += n
        roles[role] += n
        months[month] += n
    total = sum(roles.values())
    tables = []
    if report.theme_id is None:
        counts = _ranked(_by_name(Theme, themes), _("Nog geen thema"))
        tables.append(
            _listed(_("Signalen per thema"), _("Thema"), counts, other=_("Overige thema's"))
        )
    if report.municipality_id is None:
        counts = _ranked(_by_name(Municipality, places), _("Gemeente onbekend"))
        tables.append(
            _listed(_("Signalen per gemeente"), _("Gemeente"), counts, other=_("Overige gemeenten"))
        )
    roles_told = {
        str(label): roles.get(value, 0) for value, label in ReporterRole.choices if roles.get(value)
    }
    tables.append(_listed(_("Wie vertelde het"), _("Wie"), roles_told, other=_("Overige")))
    tables.append(_series(months, report.period_start, report.period_end))
    k = minimum()
    return {"n": total if total >= k else None, "k": k, "tables": tables}


def chosen_stories(report) -> list[tuple[Signal, ReportStory]]:
    """The report's chosen stories that it may show, each with its ReportStory (the edit)."""
    signals = (
        report.story_signals.filter(consent_anonymous_use=True)
        .exclude(status=Status.WITHDRAWN)
        .exclude(story_pseudonymised="")  # still waiting for the worker: nothing to show yet
        .select_related("municipality", "theme")
        .order_by("received_at")[:MAX_STORIES]
    )
    signals = list(signals)
    edits = {
        chosen.signal_id: chosen
        for chosen in ReportStory.objects.filter(report=report, signal__in=signals)
    }
    return [(signal, edits.get(signal.pk)) for signal in signals]


def _stories(report) -> list[dict]:
    return [
        {
            "signal": signal.pk,
            "text": report_text(signal, chosen),
            "when": _month_label(timezone.localtime(signal.received_at).date()),
            "municipality": signal.municipality.name if signal.municipality else "",
            "theme": signal.theme.name if signal.theme else "",
        }
        for signal, chosen in chosen_stories(report)
    ]


def _dossiers(report) -> list[dict]:
    result = []
    for dossier in report.dossiers.prefetch_related("actions").order_by("title"):
        result.append(
            {
                "title": dossier.title,
                "problem": dossier.problem,
                "strategy": str(dossier.get_strategy_display() or ""),
                "status": str(dossier.get_status_display()),
                "goals": dossier.goals,
                "outcome": dossier.outcome,
                "actions": [
                    {
                        "date": date_format(action.date, "j F Y"),
                        "kind": str(action.get_kind_display()),
                        "title": action.title,
                        "what_happened": action.what_happened,
                    }
                    for action in dossier.actions.all()
                    if action.done
                ],
                "costs": _costs(dossier),
            }
        )
    return result


def _money(amount) -> str:
    return "€ " + number_format(amount, decimal_pos=2, force_grouping=True)


def _costs(dossier) -> dict | None:
    """The dossier's cost sheet, every number with its assumption."""
    sheet = cost_sheet(dossier)
    if sheet is None:
        return None
    return {
        "items": [
            {
                "description": item.description,
                "people": "–" if item.is_lump_sum else item.people,
                "current": _money(item.current_total),
                "proposed": _money(item.proposed_total),
                "assumption": item.assumption,
            }
            for item in sheet.items
        ],
        "current": _money(sheet.current_total),
        "proposed": _money(sheet.proposed_total),
        "note": sheet.note,
    }


def subject_label(report) -> str:
    parts = []
    if report.theme_id:
        parts.append(report.theme.name)
    if report.municipality_id:
        parts.append(_("gemeente %(name)s") % {"name": report.municipality.name})
    return ", ".join(parts)


def build_snapshot(report) -> dict:
    owner = str(report.group.name if report.group_id else report.organisation.office_name)
    return {
        "title": report.title,
        "subject": subject_label(report),
        "owner": owner,
        "organisation": report.organisation.name,
        "period": f"{date_format(report.period_start, 'j F Y')} – "
        f"{date_format(report.period_end, 'j F Y')}",
        "summary": report.summary,
        "recommendations": report.recommendations,
        "figures": figures_for(report),
        "stories": _stories(report),
        "dossiers": _dossiers(report),
        "made_at": date_format(timezone.localtime(), "j F Y"),
    }


# --- Changes ------------------------------------------------------------------------------------


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError({"period_end": PERIOD_ORDER})
    if (end - start).days > 5 * 366:
        raise ValidationError({"period_start": PERIOD_LONG})


@transaction.atomic
def report_create(
    *, organisation, group, actor, title, municipality, theme, period_start, period_end
) -> SignalReport:
    if municipality is None and theme is None:
        raise ValidationError({"municipality": SUBJECT_NEEDED})
    _check_period(period_start, period_end)
    report = SignalReport.objects.create(
        organisation=organisation,
        group=group,
        reference=signal_services.unique_reference(SignalReport, "R"),
        title=title,
        municipality=municipality,
        theme=theme,
        period_start=period_start,
        period_end=period_end,
        created_by=actor,
    )
    report.snapshot = build_snapshot(report)
    report.save(update_fields=["snapshot"])
    report_pdf_enqueue_on_commit(report)
    return report


@transaction.atomic
def report_update(
    *,
    report: SignalReport,
    scope: Scope,
    summary,
    recommendations,
    stories,
    dossiers,
    story_texts: dict[int, str] | None = None,
    finalise=False,
) -> SignalReport:
    """Texts and choices of a draft; stories and dossiers only from the candidates.
    `story_texts` ({signal id: text}) edits the texts of stories that stay chosen; an empty
    text, or the unedited one, is no edit."""
    report = SignalReport.objects.select_for_update().get(pk=report.pk)
    if report.is_final:
        raise ValidationError(_("Dit rapport is definitief en kan niet meer veranderen."))
    allowed_stories = story_candidates(scope, report).filter(pk__in=[s.pk for s in stories])
    if allowed_stories.count() > MAX_STORIES:
        raise ValidationError({"stories": _("Kies hoogstens %(n)d verhalen.") % {"n": MAX_STORIES}})
    report.summary = summary
    report.recommendations = recommendations
    report.story_signals.set(allowed_stories)
    _edit_stories(report, story_texts or {})
    report.dossiers.set(dossier_candidates(scope, report).filter(pk__in=[d.pk for d in dossiers]))
    report.snapshot = build_snapshot(report)
    if finalise:
        report.finalised_at = timezone.now()
    report.save()
    report_pdf_enqueue_on_commit(report)
    return report


def _edit_stories(report, texts: dict[int, str]) -> None:
    for signal, chosen in chosen_stories(report):
        if signal.pk not in texts or chosen is None:
            continue
        text = texts[signal.pk].strip()
        if text == initial_text(signal):
            text = ""
        chosen.text = text
        chosen.edited_from = fingerprint(published_text(signal)) if text else ""
        chosen.save(update_fields=["text", "edited_from"])


def current_stories(stories: list[dict]) -> list[dict]:
    """The snapshot's stories as they may be shown today: a story its teller withdrew after the
    report was made shows "ingetrokken" in its place, on the page and in every PDF made later."""
    ids = [story["signal"] for story in stories if story.get("signal")]
    withdrawn = set(
        Signal.objects.filter(pk__in=ids, status=Status.WITHDRAWN).values_list("pk", flat=True)
    )
    return [
        {**story, "text": withdrawn_text(), "withdrawn": True}
        if story.get("signal") in withdrawn
        else story
        for story in stories
    ]


def render_html_body(report) -> str:
    from .report_charts import chart_items, report_bar_chart

    snapshot = {**report.snapshot}
    snapshot["stories"] = current_stories(snapshot.get("stories", []))
    tables = []
    for table in snapshot["figures"]["tables"]:
        items = chart_items(table["chart"])
        chart = (
            report_bar_chart(
                items,
                title=table["title"],
                description=f"{table['title']}, {snapshot['period']}",
            )
            # One bar says nothing a sentence would not; no shown value, nothing to draw.
            if len(items) > 1 and any(value for _label, value, _kind in items)
            else ""
        )
        kinds = {kind for _label, _value, kind in items}
        notes = {
            # Nothing left to show per row: a sentence says so instead of a table of x's.
            "all_hidden": kinds == {"suppressed"},
            "all_merged": kinds == {"other"},
            "merged": table.get("merged", []),
            "other": table.get("other", ""),
            # The legend only where a hatched bar is drawn; the note wherever an "x" stands.
            "suppressed_bar": bool(chart) and "suppressed" in kinds,
            "suppressed": any(value == "x" for _label, value in table["rows"]),
        }
        tables.append((table, chart, notes))
    return render_to_string(
        "reports/_report_body.html", {"report": report, "s": snapshot, "tables": tables}
    )


def report_print_html(report) -> str:
    """What the PDF is made from; in Dutch whatever the asker's language, so that the web and the
    worker render (and fingerprint) the same HTML."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "reports/report_print.html", {"report": report, "body": render_html_body(report)}
        )


@task
def report_pdf_make(report_id: int) -> None:
    report = SignalReport.objects.select_related(
        "organisation", "group", "municipality", "theme"
    ).get(pk=report_id)
    pdfs.make(SignalReportPdf, report.pk, report_print_html(report))


def report_pdf_enqueue_on_commit(report) -> None:
    """Start making the PDF once the change is saved, so that it is usually ready when asked."""
    transaction.on_commit(partial(pdfs.enqueue, SignalReportPdf, report.pk, report_pdf_make))
