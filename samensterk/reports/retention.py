"""The signal reports' retention step (privacy.retention): what a withdrawal leaves behind.

A withdrawal erases the story at once; every report shows "ingetrokken" in its place from then
on (signal_report.current_stories). The report's own copies of it, the coordinator's edit
(ReportStory.text), the snapshot's text and a PDF made before the withdrawal, are erased by
this step on the next run: intake, which withdraws, knows nothing of reports.
"""

from django.db.models import Q, QuerySet

from samensterk.intake.models import Status

from .models import ReportStory, SignalReport, SignalReportPdf


def _edits() -> QuerySet[ReportStory]:
    return ReportStory.objects.filter(signal__status=Status.WITHDRAWN).exclude(text="")


def _snapshots() -> list[tuple[SignalReport, set[int]]]:
    """Reports whose snapshot still holds the text of a withdrawn story, with those signals."""
    withdrawn_of: dict[int, set[int]] = {}
    for report_id, signal_id in ReportStory.objects.filter(
        signal__status=Status.WITHDRAWN
    ).values_list("report_id", "signal_id"):
        withdrawn_of.setdefault(report_id, set()).add(signal_id)
    found = []
    for report in SignalReport.objects.filter(pk__in=list(withdrawn_of)).only("pk", "snapshot"):
        stories = (report.snapshot or {}).get("stories") or []
        if any(s.get("signal") in withdrawn_of[report.pk] and s.get("text") for s in stories):
            found.append((report, withdrawn_of[report.pk]))
    return found


def _pdfs() -> list[int]:
    """Stored PDFs made before one of their stories was withdrawn (made again on request)."""
    found = []
    withdrawn = ReportStory.objects.filter(signal__status=Status.WITHDRAWN).values_list(
        "report_id", "signal__withdrawn_at"
    )
    for report_id, withdrawn_at in withdrawn:
        pdfs = SignalReportPdf.objects.filter(report_id=report_id).exclude(content=b"")
        if withdrawn_at is not None:
            pdfs = pdfs.filter(Q(made_at__isnull=True) | Q(made_at__lt=withdrawn_at))
        found += list(pdfs.values_list("pk", flat=True))
    return sorted(set(found))


def erase_withdrawn_stories(*, now, **_contact_term) -> dict[str, int]:
    """Edits and snapshot texts of withdrawn stories: emptied (the page and PDF show the
    withdrawn text in their place, as before). Not bound to a term: due at once."""
    edits = _edits().update(text="", edited_from="")
    snapshots = _snapshots()
    for report, withdrawn in snapshots:
        for story in report.snapshot["stories"]:
            if story.get("signal") in withdrawn:
                story["text"] = ""
        report.save(update_fields=["snapshot"])
    pdfs, _kinds = SignalReportPdf.objects.filter(pk__in=_pdfs()).delete()
    return {
        "report_story_edits_erased": edits,
        "report_snapshots_cleaned": len(snapshots),
        "report_pdfs_erased": pdfs,
    }


def withdrawn_stories_due(*, now, **_contact_term) -> int:
    return _edits().count() + len(_snapshots()) + len(_pdfs())
