"""Open data: public, without a log-in, at stable addresses (/open-data/<organisation>/…).

Read from the stored quarters (intake.opendata): no request works a table out.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from samensterk.accounts.models import Organisation
from samensterk.accounts.permissions import scope_for

from .. import opendata

# Old query-string formats of the logged-in page, to their file.
OLD_FORMATS = {"csv": "signalen.csv", "json": "signalen.json"}


def open_data_page(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    quarters = opendata.published(organisation)
    chosen = request.GET.get("kwartaal")
    ready = [q for q in quarters if q.ready]
    shown = next((q for q in quarters if q.label == chosen), ready[0] if ready else None)
    context = {
        "organisation": organisation,
        "quarters": quarters,
        "shown": shown,
        "k": opendata.suppression.minimum(),
        "header": opendata.HEADER,
        "files": [
            (name, reverse("intake:open_data_file", args=[slug, name])) for name in opendata.FILES
        ],
    }
    if shown is not None and shown.ready:
        municipalities, themes = opendata.names()
        table = shown.table
        context["table"] = {
            "columns": [themes.get(c, c) for c in table["columns"]],
            "rows": [
                (municipalities.get(r, r), cells, total)
                for r, cells, total in zip(
                    table["rows"], table["cells"], table["row_totals"], strict=True
                )
            ],
            "totals": table["column_totals"],
            "total": table["total"],
            "merged_rows": [municipalities.get(c, c) for c in table["merged_rows"]],
            "merged_columns": [themes.get(c, c) for c in table["merged_columns"]],
        }
    return render(request, "intake/open_data.html", context)


def open_data_file(request, slug, file_name):
    content_type = opendata.FILES.get(file_name)
    if content_type is None:
        raise Http404
    organisation = get_object_or_404(Organisation, slug=slug)
    quarters = opendata.published(organisation)
    response = HttpResponse(
        opendata.file_content(organisation, quarters, file_name), content_type=content_type
    )
    response["Content-Disposition"] = (
        f'attachment; filename="open-data-{organisation.slug}-{file_name}"'
    )
    # Open data: any website may fetch it (no cookies are sent or needed).
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_required
def open_data_view(request):
    """The old address for members: to the organisation's public page or file."""
    organisation, choices = opendata_organisation(request)
    if organisation is None:
        return render(request, "intake/open_data_choose.html", {"choices": choices})
    file_name = OLD_FORMATS.get(request.GET.get("formaat", ""))
    if file_name:
        return redirect("intake:open_data_file", organisation.slug, file_name)
    return redirect("intake:open_data_page", organisation.slug)


def opendata_organisation(request):
    """(organisation, choices): the user's organisation, or None and those to choose from."""
    scope = scope_for(request.user)
    mine = Organisation.objects.order_by("name")
    if not scope.is_superuser:
        mine = mine.filter(pk__in=scope.organisation_ids)
    slug = (request.GET.get("organisatie") or "").replace("\x00", "")
    if slug:
        return get_object_or_404(mine, slug=slug), []
    first_two = list(mine[:2])
    if not first_two:
        raise Http404
    if len(first_two) == 1:
        return first_two[0], []
    return None, list(mine)
