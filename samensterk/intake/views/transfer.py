"""Import and export of signals from the web: the same rules as the command line."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.privacy.models import AuditLog

from ..models import Signal
from ..tasks import enqueue_on_commit, pseudonymise_pending
from ..transfer import (
    ImportFileError,
    export_rows,
    exportable_signals,
    import_signals,
    import_steps,
    read_table,
    write_csv,
    write_xlsx,
)
from .owners import owner_choices, resolve_owner

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
STREAM_FROM_ROWS = 2000  # from this many rows, the page shows progress while storing
# The page stores within the request: checking and storing take a few ms a row (the worker
# pseudonymises after), so 5,000 rows stay well inside a web worker's timeout (the command
# takes up to MAX_ROWS).
PAGE_MAX_ROWS = 5_000


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
            allowed = {group.slug} if group else None
            kwargs = {
                "organisation": organisation,
                "header": header,
                "rows": rows,
                "actor": request.user,
                "allowed_groups": allowed,
                "default_group": group,
            }
            if len(rows) >= STREAM_FROM_ROWS:
                return StreamingHttpResponse(_stream_import(request, kwargs, len(rows)))
            result = import_signals(**kwargs)
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


def _stream_import(request, kwargs, total):
    """A page that shows how far a large import is while it runs, without JavaScript."""
    head, tail = render_to_string(
        "intake/import_progress.html", {"total": total}, request=request
    ).split("<!--progress-->")
    yield head
    steps = import_steps(**kwargs)
    while True:
        try:
            done = next(steps)
        except StopIteration as stop:
            result = stop.value
            break
        text = _("%(done)d van %(total)d rijen opgeslagen") % {"done": done, "total": total}
        yield f'<p class="meta">{text}</p>\n'
    if result.ok:
        yield '<p class="meta">{}</p>\n'.format(
            _("Namen en adressen worden uit de verhalen gehaald…")
        )
        enqueue_on_commit(pseudonymise_pending, kwargs["organisation"].pk)
        yield f'<p class="message message--success" role="status">{_result_message(result)}</p>'
    else:
        yield '<div class="error-summary" role="alert"><h2>{}</h2><ul>{}</ul></div>'.format(
            _("Er is niets geïmporteerd. Verbeter deze regels en probeer het opnieuw:"),
            "".join(f"<li>{_escape(line)}</li>" for line in result.errors[:500]),
        )
    yield tail


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


@login_required
def signal_export(request):
    owners = managed_owners(request.user)
    if not owners:
        raise Http404
    form = ExportForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        organisation, group = resolve_owner(request.user, form.cleaned_data["owner"], manage=True)
        signals = Signal.objects.filter(organisation=organisation, group=group)
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
