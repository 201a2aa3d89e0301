"""Import and export of signals from the web: the same rules as the command line."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.accounts.permissions import scope_for
from samensterk.privacy.models import AuditLog

from .. import importing
from ..models import ImportJob, Signal
from ..tasks import enqueue_on_commit, pseudonymise_pending
from ..transfer import (
    ImportFileError,
    check_rows,
    export_rows,
    exportable_signals,
    import_signals,
    read_table,
    write_csv,
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
        choices=[("csv", "CSV"), ("xlsx", "Excel (.xlsx)")],
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


@login_required
def signal_import(request):
    owners = managed_owners(request.user)
    if not owners:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, owners=owners)
    errors = []
    if request.method == "POST" and form.is_valid():
        organisation, group = resolve_owner(request.user, form.cleaned_data["owner"], manage=True)
        upload = form.cleaned_data["file"]
        try:
            header, rows = read_table(upload.read(), upload.name, max_rows=PAGE_MAX_ROWS)
        except ImportFileError as error:
            errors = error.lines
        else:
            kwargs = {
                "organisation": organisation,
                "header": header,
                "rows": rows,
                "allowed_groups": {group.slug} if group else None,
                "default_group": group,
            }
            if len(rows) > importing.TASK_FROM_ROWS:
                _checked, errors = check_rows(**kwargs)
                if not errors:
                    job = importing.import_job_start(
                        organisation=organisation,
                        group=group,
                        actor=request.user,
                        file_name=upload.name,
                        header=header,
                        rows=rows,
                    )
                    return redirect("intake:signal_import_job", pk=job.pk)
            else:
                result = import_signals(**kwargs, actor=request.user)
                if result.ok:
                    enqueue_on_commit(pseudonymise_pending, organisation.pk)
                    messages.success(request, _result_message(result))
                    return redirect("intake:signal_import")
                errors = result.errors
    return render(
        request,
        "intake/import.html",
        {"form": form, "errors": errors[:500], "error_count": len(errors)},
    )


def _result_message(result) -> str:
    return _("Klaar: %(created)d signalen toegevoegd, %(updated)d bijgewerkt.") % {
        "created": result.created,
        "updated": result.updated,
    }


@login_required
def signal_import_job(request, pk: int):
    """How far a large import is; the page asks again with htmx until it is done (a link without
    JavaScript)."""
    job = get_object_or_404(ImportJob.objects.select_related("organisation", "group"), pk=pk)
    owner = f"g:{job.group.slug}" if job.group else f"o:{job.organisation.slug}"
    if owner not in {value for value, _label in managed_owners(request.user)}:
        raise Http404
    return render(request, "intake/import_job.html", {"job": job, "errors": job.errors[:500]})


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
        rows = export_rows(
            exportable_signals(signals).order_by("received_at", "pk"),
            include_contact=include_contact,
            scope=scope_for(request.user),
        )
        stamp = timezone.localdate().isoformat()
        name = f"signalen-{group.slug if group else organisation.slug}-{stamp}"
        if form.cleaned_data["file_format"] == "xlsx":
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
