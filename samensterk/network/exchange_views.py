"""Contacts in and out of the register from the web: CSV and vCard export (in the audit log),
planned meetings as iCal, and the all-or-nothing import."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.intake.transfer import ImportFileError
from samensterk.places.models import Municipality
from samensterk.privacy.models import AuditLog

from . import exchange, selectors

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "vcf": ("text/vcard; charset=utf-8", "vcf"),
}


def _municipality(request):
    wanted = request.GET.get("gemeente", "")
    if not wanted:
        return None
    found = Municipality.objects.filter(pk=wanted if wanted.isdigit() else 0).first()
    if found is None:
        raise Http404
    return found


def _log_export(user, people, what: str) -> None:
    """One audit line per organisation whose people's contact details left in a file."""
    per_organisation: dict[int, int] = {}
    for person in people:
        per_organisation[person.organisation_id] = (
            per_organisation.get(person.organisation_id, 0) + 1
        )
    AuditLog.objects.bulk_create(
        AuditLog(
            actor=user,
            organisation_id=organisation_id,
            action=AuditLog.Action.EXPORT_CONTACT,
            object_reference="netwerk-personen",
            detail=f"{count} personen, {what}",
        )
        for organisation_id, count in per_organisation.items()
    )


def _download(content: str, file_format: str, name: str) -> HttpResponse:
    content_type, extension = TYPES[file_format]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


@login_required
def people_export(request, file_format):
    if file_format not in TYPES:
        raise Http404
    people = list(
        selectors.people_for_user(request.user, municipality=_municipality(request))
        .select_related("municipality")
        .order_by("name")
    )
    _log_export(request.user, people, file_format)
    writer = exchange.people_csv if file_format == "csv" else exchange.people_vcard
    stamp = timezone.localdate().isoformat()
    return _download(writer(people), file_format, f"netwerk-personen-{stamp}")


@login_required
def person_vcard(request, pk):
    person = selectors.person_get_for_user(request.user, pk)
    _log_export(request.user, [person], "vcard")
    return _download(exchange.people_vcard([person]), "vcf", f"contact-{person.pk}")


@login_required
def planned_export(request):
    moments = selectors.planned_next_steps(request.user, municipality=_municipality(request))
    response = HttpResponse(
        exchange.planned_ical(moments, name=_("Afspraken uit het netwerk")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="netwerk-afspraken.ics"'
    return response


class PeopleImportForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=gettext_lazy("Landelijk of regionaal"),
        help_text=gettext_lazy("Voor de rijen zonder gemeente."),
    )
    file = forms.FileField(
        label=gettext_lazy("Bestand (CSV, Excel of vCard)"),
        help_text=gettext_lazy("Alleen de kolom ‘naam’ is verplicht."),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx,.vcf"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is te groot (hoogstens 5 MB)."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".vcf", ".vcard")):
            raise forms.ValidationError(_("Kies een .csv-, .xlsx- of .vcf-bestand."))
        return upload


@login_required
def people_import(request):
    organisation = selectors.register_organisation(request.user)
    register = selectors.register_for(request.user)
    form = PeopleImportForm(
        request.POST or None,
        request.FILES or None,
        municipalities=register.municipalities(organisation.pk),
    )
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            header, rows = exchange.read_people(upload.read(), upload.name)
        except ImportFileError as error:
            errors = error.lines
        else:
            result = exchange.import_people(
                register=register,
                organisation=organisation,
                municipality=form.cleaned_data["municipality"],
                header=header,
                rows=rows,
                actor=request.user,
            )
            if result.ok:
                messages.success(
                    request,
                    _(
                        "Klaar: %(created)d personen toegevoegd, %(updated)d bijgewerkt, "
                        "%(organisations)d organisaties nieuw."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "organisations": result.organisations_created,
                    },
                )
                return redirect("network:register")
            errors = result.errors
    return render(
        request,
        "network/import.html",
        {
            "form": form,
            "errors": errors[:500],
            "error_count": len(errors),
            "columns": ", ".join(exchange.COLUMNS),
        },
        status=400 if errors or form.errors else 200,
    )
