"""Large imports from the web page: checked within the request, stored by a task.

The page checks the whole file first (errors shown at once, nothing stored). A file of more than
TASK_FROM_ROWS rows then becomes an ImportJob, and the task stores it JOB_BATCH rows at a time:
each batch is committed together with the job's `done`, so the page can show how far it is (and
if the worker stops half-way, the task run again continues where it stopped). The command line
(import_signals) stays synchronous and all-or-nothing in one transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .models import ImportJob
from .services import signals_pseudonymise_pending
from .transfer import import_signals

TASK_FROM_ROWS = 300  # up to this many rows the page stores within the request
JOB_BATCH = 500  # rows per transaction, and the step of the progress shown


def import_job_start(*, organisation, group, actor, file_name: str, header, rows) -> ImportJob:
    """Store the (checked) file as a job and enqueue the task that imports it."""
    job = ImportJob.objects.create(
        organisation=organisation,
        group=group,
        created_by=actor,
        file_name=file_name[:255],
        header=header,
        rows=rows,
        total=len(rows),
    )
    import_job_run.enqueue(job.pk)
    return job


@task
def import_job_run(job_id: int) -> None:
    import_job_process(job_id)


def import_job_process(job_id: int) -> None:
    """Store the job's rows batch by batch, from where it stands, then pseudonymise them."""
    job = ImportJob.objects.select_related("organisation", "group", "created_by").get(pk=job_id)
    if job.finished:
        return
    jobs = ImportJob.objects.filter(pk=job.pk)
    jobs.update(status=ImportJob.Status.RUNNING)
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
                    _finish(jobs, ImportJob.Status.FAILED, result.errors)
                    return
                jobs.update(
                    done=start + len(batch),
                    signals_created=F("signals_created") + result.created,
                    signals_updated=F("signals_updated") + result.updated,
                )
        signals_pseudonymise_pending(organisation=job.organisation)
    except Exception:
        _finish(jobs, ImportJob.Status.FAILED, [_("Het importeren is gestopt door een fout.")])
        raise
    _finish(jobs, ImportJob.Status.DONE, [])


def _finish(jobs, status: str, errors: list[str]) -> None:
    jobs.update(status=status, errors=errors, rows=[], finished_at=timezone.now())
