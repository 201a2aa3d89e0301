"""Import and export of signals from the web: the same rules as the command line.

Every import is an ImportJob (intake.importing): the page lists recent ones, follows a large one
with a progress bar, and asks before reading a file that is not UTF-8 as Windows-1252. The form
carries a one-time token, so that sending it twice starts one job.
"""

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samensterk.accounts.permissions import scope_for
from samensterk.privacy.models import AuditLog

from .. import import_values, importing
from ..models import ImportJob, Signal
from ..transfer import (
    COLUMN_LABELS,
    READABLE_COLUMNS,
    ImportFileError,
    NotUtf8Error,
    check_rows,
    export_rows,
    exportable_signals,
    read_table,
    write_csv,
    write_excel_csv,
    write_xlsx,
)
from .owners import owner_choices, resolve_owner

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# The request checks every row (well under a millisecond each); a task stores them (importing).
PAGE_MAX_ROWS = 50_000


def managed_owners(user) -> list[tuple[str, str]]:
    """Inboxes a user manages: the national office for staff, groups they coordinate."""
    return owner_choices(user, manage=True)


class ImportForm(forms.Form):
    # One-time: a second POST of the same form (a double click, a reload) finds its job.
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    owner = forms.ChoiceField(label=gettext_lazy("Importeren voor"))
    file = forms.FileField(
        label=gettext_lazy("Bestand (CSV of Excel)"),
        help_text=gettext_lazy(
            "Kolommen zoals in het uitwisselformaat; alleen ‘text’ is verplicht."
        ),
    )

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx"
        self.fields["token"].initial = secrets.token_urlsafe(24)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is te groot (hoogstens 20 MB)."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Kies een .csv- of .xlsx-bestand."))
        return upload


class ExportForm(forms.Form):
    owner = forms.ChoiceField(label=gettext_lazy("Signalen van"))
    file_format = forms.ChoiceField(
        label=gettext_lazy("Soort bestand"),
        choices=[
            ("xlsx", gettext_lazy("Excel (.xlsx), met thema, status en datums om te lezen")),
            ("excel-csv", gettext_lazy("CSV voor Excel (puntkomma’s), ook om te lezen")),
            ("csv", gettext_lazy("CSV in het uitwisselformaat (voor een ander systeem)")),
        ],
        widget=forms.RadioSelect,
        initial="xlsx",
    )
    include_contact = forms.BooleanField(
        label=gettext_lazy(
            "Met contactgegevens en de oorspronkelijke verhalen (komt in het auditlog)"
        ),
        required=False,
    )

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners


def _job_owner(job: ImportJob) -> str:
    return f"g:{job.group.slug}" if job.group else f"o:{job.organisation.slug}"


def _jobs_for(owners: list[tuple[str, str]]):
    """The imports of the inboxes a user manages (owner_choices is permission-checked)."""
    groups = [value[2:] for value, _label in owners if value.startswith("g:")]
    offices = [value[2:] for value, _label in owners if value.startswith("o:")]
    return ImportJob.objects.filter(
        Q(group__slug__in=groups) | Q(group=None, organisation__slug__in=offices)
    ).select_related("organisation", "group", "created_by")


@login_required
@never_cache  # back in the browser gives a new form token, not the one already used
def signal_import(request):
    owners = managed_owners(request.user)
    if not owners:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, owners=owners)
    errors = []
    if request.method == "POST" and form.is_valid():
        organisation, group = resolve_owner(request.user, form.cleaned_data["owner"], manage=True)
        upload = form.cleaned_data["file"]
        content = upload.read()
        key = importing.submission_key(form.cleaned_data["token"], content)
        sent = importing.import_job_for_token(key, request.user)
        if sent is not None:  # this form and file were sent before: its job, not a second one
            return redirect("intake:signal_import_job", pk=sent.pk)
        job_fields = {
            "organisation": organisation,
            "group": group,
            "actor": request.user,
            "file_name": upload.name,
            "token": key,
        }
        try:
            header, rows = read_table(content, upload.name, max_rows=PAGE_MAX_ROWS)
        except NotUtf8Error as error:
            errors = error.lines
            try:  # most likely Excel on Windows: ask whether it reads right that way
                header, rows = read_table(
                    content, upload.name, max_rows=PAGE_MAX_ROWS, encoding=import_values.WINDOWS
                )
            except ImportFileError:
                pass
            else:
                job, _created = importing.import_job_create(
                    **job_fields, header=header, rows=rows, status=ImportJob.Status.QUESTION
                )
                return redirect("intake:signal_import_job", pk=job.pk)
        except ImportFileError as error:
            errors = error.lines
        else:
            _checked, problems = check_rows(
                organisation=organisation,
                header=header,
                rows=rows,
                allowed_groups={group.slug} if group else None,
                default_group=group,
            )
            errors = [problem.web() for problem in problems]
            if not errors:
                job, created = importing.import_job_create(**job_fields, header=header, rows=rows)
                if created:  # not the twin of a request that is storing it already
                    importing.import_job_start(job)
                return redirect("intake:signal_import_job", pk=job.pk)
    recent = _jobs_for(owners).exclude(status=ImportJob.Status.QUESTION).order_by("-pk")[:10]
    return render(
        request,
        "intake/import.html",
        {
            "form": form,
            "errors": errors[:500],
            "error_count": len(errors),
            "recent": recent,
            "columns": COLUMN_LABELS.items(),
            "readable_columns": READABLE_COLUMNS,
        },
    )


def _job_get(request, pk: int) -> ImportJob:
    """A job of an inbox the user manages; 404 otherwise."""
    job = get_object_or_404(ImportJob.objects.select_related("organisation", "group"), pk=pk)
    if _job_owner(job) not in {value for value, _label in managed_owners(request.user)}:
        raise Http404
    return job


@login_required
def signal_import_job(request, pk: int):
    """How far an import is; the page asks again with htmx until it is done, and without
    JavaScript it refreshes itself (unless asked not to) and has a link. A file that is not
    UTF-8 waits here for the question whether it reads right."""
    job = _job_get(request, pk)
    context = {"job": job, "errors": job.errors[:500], "error_count": len(job.errors)}
    if job.status == ImportJob.Status.QUESTION:
        context["preview"] = import_values.preview(job.header, job.rows)
    # Refreshing without JavaScript can be switched off (WCAG 2.2.1: the visitor decides).
    context["auto_refresh"] = (
        job.status in (ImportJob.Status.WAITING, ImportJob.Status.RUNNING)
        and request.GET.get("vast") != "1"
    )
    return render(request, "intake/import_job.html", context)


@login_required
@require_POST
def signal_import_confirm(request, pk: int):
    """The answer to "Dit bestand lijkt uit Excel (Windows) te komen. Zo lezen?"."""
    job = _job_get(request, pk)
    if job.status != ImportJob.Status.QUESTION:  # answered already (a second click)
        return redirect("intake:signal_import_job", pk=job.pk)
    if request.POST.get("answer") != "ja":
        job.delete()
        messages.info(request, _("Het bestand is niet geïmporteerd. Kies een ander bestand."))
        return redirect("intake:signal_import")
    _checked, problems = check_rows(
        organisation=job.organisation,
        header=job.header,
        rows=job.rows,
        allowed_groups={job.group.slug} if job.group else None,
        default_group=job.group,
    )
    jobs = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUESTION)
    if problems:
        jobs.update(
            status=ImportJob.Status.FAILED,
            errors=[problem.web() for problem in problems],
            rows=[],
            finished_at=timezone.now(),
        )
    elif jobs.update(status=ImportJob.Status.WAITING):  # once, also for two answers at once
        job.refresh_from_db()
        importing.import_job_start(job)
    return redirect("intake:signal_import_job", pk=job.pk)


@login_required
def signal_export(request):
    owners = managed_owners(request.user)
    if not owners:
        raise Http404
    form = ExportForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        organisation, group = resolve_owner(request.user, form.cleaned_data["owner"], manage=True)
        signals = Signal.objects.filter(organisation=organisation)
        # The national office's file holds what it has: its own and what was handed over.
        signals = signals.filter(
            Q(group=group) if group else Q(group=None) | Q(shared_with_national=True)
        )
        include_contact = form.cleaned_data["include_contact"]
        if include_contact:
            AuditLog.objects.create(
                actor=request.user,
                organisation=organisation,
                action=AuditLog.Action.EXPORT_CONTACT,
                detail=f"export {group.slug if group else 'landelijk'}",
            )
        file_format = form.cleaned_data["file_format"]
        rows = export_rows(
            exportable_signals(signals).order_by("received_at", "pk"),
            include_contact=include_contact,
            scope=scope_for(request.user),
            # The spreadsheets add readable columns (an import ignores them); "csv" is the
            # exchange format exactly, for another system.
            readable={"xlsx": "xlsx", "excel-csv": "csv"}.get(file_format, ""),
        )
        stamp = timezone.localdate().isoformat()
        name = f"signalen-{group.slug if group else organisation.slug}-{stamp}"
        if file_format == "excel-csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}-excel.csv"'
            write_excel_csv(rows, response)
            return response
        if file_format == "xlsx":
            response = HttpResponse(
                write_xlsx(rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return response
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        write_csv(rows, response)
        return response
    return render(request, "intake/export.html", {"form": form})
