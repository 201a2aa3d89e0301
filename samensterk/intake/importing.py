"""Imports from the web page: checked within the request, stored as an ImportJob.

The page checks the whole file first (errors shown at once, nothing stored). The file then
becomes an ImportJob, stored JOB_BATCH rows at a time: each batch is committed together with the
job's `done`, so the page can show how far it is (and if the worker stops half-way, the task run
again continues where it stopped). Up to TASK_FROM_ROWS rows are stored within the request, more
by a task. Every import is a job, so that the page can list recent imports and the same form
sent twice (its token) starts one. The command line (import_signals) stays synchronous and
all-or-nothing in one transaction.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .models import ImportJob
from .tasks import enqueue_on_commit, pseudonymise_pending
from .transfer import import_signals

TASK_FROM_ROWS = 300  # up to this many rows the page stores within the request
JOB_BATCH = 500  # rows per transaction, and the step of the progress shown


QUESTION_KEPT = timedelta(days=1)  # an unanswered question about a file's encoding


def submission_key(form_token: str, content: bytes) -> str:
    """What makes a submission the same one: the form's one-time token and the file. A double
    click sends both again; going back and choosing another file is a new import."""
    if not form_token:
        return ""
    return hashlib.sha256(form_token.encode() + b"\0" + content).hexdigest()


def import_job_create(
    *, organisation, group, actor, file_name: str, header, rows, token: str = "", status=None
) -> tuple[ImportJob, bool]:
    """Store a file as a job: (job, created). With a token already used, the job it started
    (the same form sent twice, e.g. a double click) and False."""
    if token:
        existing = import_job_for_token(token, actor)
        if existing is not None:
            return existing, False
    # Questions nobody answered keep a copy of a file: not for longer than a day.
    ImportJob.objects.filter(
        status=ImportJob.Status.QUESTION, created_at__lt=timezone.now() - QUESTION_KEPT
    ).delete()
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                organisation=organisation,
                group=group,
                created_by=actor,
                file_name=file_name[:255],
                header=header,
                rows=rows,
                total=len(rows),
                token=token,
                status=status or ImportJob.Status.WAITING,
            )
    except IntegrityError:  # the same token at the same moment: the other request's job
        existing = import_job_for_token(token, actor)
        if existing is None:
            raise
        return existing, False
    return job, True


def import_job_for_token(token: str, actor) -> ImportJob | None:
    return ImportJob.objects.filter(token=token, created_by=actor).first() if token else None


def import_job_start(job: ImportJob) -> None:
    """Store a (checked) job: within the request when small, else by the task."""
    if job.status != ImportJob.Status.WAITING:
        return
    if job.total <= TASK_FROM_ROWS:
        import_job_process(job.pk)
    else:
        enqueue_on_commit(import_job_run, job.pk)


@task
def import_job_run(job_id: int) -> None:
    import_job_process(job_id)


def import_job_process(job_id: int) -> None:
    """Store the job's rows batch by batch, from where it stands, then pseudonymise them."""
    job = ImportJob.objects.select_related("organisation", "group", "created_by").get(pk=job_id)
    if job.finished:
        return
    if job.status == ImportJob.Status.QUESTION:
        return  # not confirmed
    jobs = ImportJob.objects.filter(pk=job.pk)
    jobs.update(status=ImportJob.Status.RUNNING)
    kept = list(job.kept)
    try:
        for start in range(job.done, job.total, JOB_BATCH):
            batch = job.rows[start : start + JOB_BATCH]
            with transaction.atomic():
                result = import_signals(
                    organisation=job.organisation,
                    header=job.header,
                    rows=batch,
                    actor=job.created_by,
                    allowed_groups={job.group.slug} if job.group else None,
                    default_group=job.group,
                    first_row=start + 1,
                )
                if not result.ok:
                    # Checked when it was uploaded; something changed since (a group removed).
                    _finish(jobs, ImportJob.Status.FAILED, [p.web() for p in result.problems])
                    return
                kept += [line.web() for line in result.kept]
                jobs.update(
                    kept=kept,
                    done=start + len(batch),
                    signals_created=F("signals_created") + result.created,
                    signals_updated=F("signals_updated") + result.updated,
                )
        enqueue_on_commit(pseudonymise_pending, job.organisation_id)
    except Exception:
        _finish(jobs, ImportJob.Status.FAILED, [_("Het importeren is gestopt door een fout.")])
        raise
    _finish(jobs, ImportJob.Status.DONE, [])


def _finish(jobs, status: str, errors: list[str]) -> None:
    jobs.update(status=status, errors=errors, rows=[], finished_at=timezone.now())
