"""Privacy's staff pages: a data-subject request (inzage, wissen). National staff and
administrators of an organisation search what it holds about one person, export it (JSON and
PDF) and erase it, each step in the audit log. Thin: the rules are in services.py and in each
app's finder (subjects.py)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samensterk.accounts.permissions import scope_for
from samensterk.lib import pdfs
from samensterk.lib.forms import add_service_errors

from . import selectors, services
from .forms import SubjectEraseForm, SubjectExportForm, SubjectQueryForm
from .subjects import MAX_FINDINGS


@login_required
def subject_start(request):
    """Straight to the organisation's page; a choice for who works for several."""
    organisations = selectors.subject_organisations(request.user)
    if len(organisations) == 1:
        return redirect("privacy:subject_search", slug=organisations[0].slug)
    return render(request, "privacy/subject_start.html", {"organisations": organisations})


NOTHING_CHOSEN = services.NOTHING_CHOSEN


def _page(request, organisation, form, found=None, *, query=None, status=None, error=""):
    """The search page: the form, and what was found for `query`."""
    return render(
        request,
        "privacy/subject_search.html",
        {
            "organisation": organisation,
            "form": form,
            "found": found,
            "query": query,
            "error": error,
            "max_findings": MAX_FINDINGS,
            "total": sum(len(f.findings) for f in found or []),
            "several": len(selectors.subject_organisations(request.user)) > 1,
        },
        status=status or (400 if form.errors else 200),
    )


@never_cache
@login_required
def subject_search(request, slug):
    organisation = selectors.subject_organisation(request.user, slug)
    form = SubjectQueryForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        query = form.cleaned_data["query"]
        found = services.subject_search(organisation=organisation, query=query, user=request.user)
        return _page(request, organisation, form, found, query=query)
    return _page(request, organisation, form)


@login_required
@require_POST
def subject_export(request, slug):
    organisation = selectors.subject_organisation(request.user, slug)
    form = SubjectExportForm(request.POST)
    if not form.is_valid():
        return _page(request, organisation, form)
    query, file_format = form.cleaned_data["query"], form.cleaned_data["file_format"]
    records = services.subject_export(
        organisation=organisation, query=query, user=request.user, file_format=file_format
    )
    made_at = timezone.localtime()
    if file_format == "json":
        data = {
            "organisation": organisation.name,
            "made_at": made_at,
            "searched": {"kind": query.kind, "value": query.value},
            "records": [record.as_json() for record in records],
        }
        content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
    else:
        # Made within the request, not by a task kept like lib/pdfs.py's documents: it is a
        # few pages, made once, and a kept copy would be one more place holding the person's
        # data — which is what the request may be about erasing.
        html = render_to_string(
            "privacy/subject_export_print.html",
            {"organisation": organisation, "records": records, "query": query, "made_at": made_at},
        )
        response = HttpResponse(pdfs.html_to_pdf(html, accessible=True), "application/pdf")
    filename = f"verzoek-betrokkene-{made_at:%Y-%m-%d}-{query.digest}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _search_form(form) -> SubjectQueryForm:
    """The search form again, with what was searched, above the results."""
    return SubjectQueryForm(initial={"q": form.cleaned_data["q"]})


@never_cache
@login_required
@require_POST
def subject_erase(request, slug):
    """Two steps, both POST: what will be erased and how, with the reason to give; then, with
    `confirm`, erase it all or nothing."""
    organisation = selectors.subject_organisation(request.user, slug)
    form = SubjectEraseForm(request.POST)
    if not form.is_valid():
        return _page(request, organisation, form)
    query = form.cleaned_data["query"]
    keys = None if form.cleaned_data["everything"] else set(form.cleaned_data["keys"])
    if form.cleaned_data["confirm"]:
        try:
            erased = services.subject_erase(
                organisation=organisation,
                query=query,
                user=request.user,
                keys=keys,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("%(n)s onderdeel is gewist.", "%(n)s onderdelen zijn gewist.", len(erased))
                % {"n": len(erased)},
            )
            found = services.subject_search(
                organisation=organisation, query=query, user=request.user
            )
            return _page(request, organisation, _search_form(form), found, query=query)
    found = services.subject_find(
        organisation=organisation, query=query, scope=scope_for(request.user)
    )
    chosen = [
        services.Found(f.finder, [x for x in f.findings if keys is None or x.key in keys])
        for f in found
    ]
    chosen = [f for f in chosen if f.findings]
    if not chosen:
        return _page(
            request,
            organisation,
            _search_form(form),
            found,
            query=query,
            status=400,
            error=NOTHING_CHOSEN,
        )
    return render(
        request,
        "privacy/subject_erase.html",
        {
            "organisation": organisation,
            "form": form,
            "chosen": chosen,
            "keys": sorted(x.key for f in chosen for x in f.findings),
            "total": sum(len(f.findings) for f in chosen),
        },
        status=400 if form.errors else 200,
    )
