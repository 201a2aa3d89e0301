"""PDFs made by a task and kept: the signal report and the board agenda.

WeasyPrint takes seconds, too long for a request. A task renders the document's print HTML and
keeps the PDF in the database with the fingerprint (SHA-256) of that HTML. Asking for the PDF
renders only the HTML: if its fingerprint is the kept one, the PDF is served at once; otherwise
the task is enqueued (once while one waits) and a page that asks again (htmx) waits for it.

Each document kind has a concrete `StoredPdf` (one row per document, deleted with it), a task
that calls `make`, and two views that call `download` and `waiting_page`.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A task still waiting after this long was lost (a worker stopped half-way): offer to try again.
LOST_AFTER = timedelta(minutes=10)


class StoredPdf(models.Model):
    class Status(models.TextChoices):
        WAITING = "wacht", _("Wacht")
        READY = "klaar", _("Klaar")
        FAILED = "mislukt", _("Mislukt")

    # Of the last request: WAITING while a task is enqueued, FAILED if it raised.
    status = models.CharField(max_length=10, choices=Status, default=Status.WAITING)
    requested_at = models.DateTimeField(default=timezone.now)
    # Of the HTML that `content` was made from; empty until the first PDF is made.
    fingerprint = models.CharField(max_length=64, blank=True)
    content = models.BinaryField(default=b"")
    made_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


def fingerprint(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def html_to_pdf(html: str, *, accessible: bool = False) -> bytes:
    """`accessible`: a tagged PDF/UA-1 (headings, tables and reading order for screen readers;
    the HTML needs a <title> and a lang)."""
    from weasyprint import HTML  # a heavy import: only where PDFs are made

    if accessible:
        return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return HTML(string=html).write_pdf()


def make(model, owner_id: int, html: str) -> None:
    """In the task: render the HTML and keep the PDF with the HTML's fingerprint. A PDF kept
    from the same HTML (a save that changed nothing in it) is not made again."""
    rows = model.objects.filter(pk=owner_id)
    if rows.filter(fingerprint=fingerprint(html)).update(status=model.Status.READY):
        return
    try:
        content = html_to_pdf(html)
    except Exception:
        rows.update(status=model.Status.FAILED)
        raise
    rows.update(
        status=model.Status.READY,
        content=content,
        fingerprint=fingerprint(html),
        made_at=timezone.now(),
    )


def enqueue(model, owner_id: int, task, *, again: bool = False) -> None:
    """Enqueue the task that makes the PDF, unless one already waits (`again`: the user retries
    after a failure or a lost task). The conditional UPDATE lets only one request enqueue."""
    now = timezone.now()
    _row, created = model.objects.defer("content").get_or_create(
        pk=owner_id, defaults={"status": model.Status.WAITING, "requested_at": now}
    )
    if not created:
        rows = model.objects.filter(pk=owner_id)
        if not again:
            rows = rows.exclude(status=model.Status.WAITING)
        if not rows.update(status=model.Status.WAITING, requested_at=now):
            return
    task.enqueue(owner_id)


def status(model, owner_id: int, html: str) -> str | None:
    """READY if the kept PDF was made from this HTML, WAITING or FAILED for the task asked for,
    None if nothing is made or asked for this HTML yet."""
    row = model.objects.filter(pk=owner_id).values("fingerprint", "status", "requested_at").first()
    if row is None:
        return None
    if row["fingerprint"] == fingerprint(html):
        return model.Status.READY
    if row["status"] == model.Status.WAITING and row["requested_at"] < timezone.now() - LOST_AFTER:
        return model.Status.FAILED
    if row["status"] == model.Status.READY:
        return None  # made from an earlier version, and nothing waits
    return row["status"]


def _asked(model, owner_id: int, html: str, task) -> str:
    state = status(model, owner_id, html)
    if state is None:
        enqueue(model, owner_id, task)
        state = status(model, owner_id, html)  # an immediate backend has made it already
    return state


def download(request, *, model, owner_id: int, html: str, task, filename: str, waiting_url: str):
    """The PDF at once if it is current; otherwise ask for it and send the user to wait."""
    if _asked(model, owner_id, html, task) != model.Status.READY:
        return redirect(waiting_url)
    content = model.objects.filter(pk=owner_id).values_list("content", flat=True).get()
    response = HttpResponse(bytes(content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def waiting_page(request, *, model, owner_id: int, html: str, task, context: dict):
    """Refreshes itself until the PDF is made, then starts the download; a failed task gets a
    message and a button to try again (POST). `context`: title, back_url, back_label,
    download_url for the template."""
    if request.method == "POST":
        enqueue(model, owner_id, task, again=True)
        return redirect(request.path)
    state = _asked(model, owner_id, html, task)
    return render(request, "pdf_waiting.html", {**context, "state": state})
