"""Signal report pages: list, compose, edit a draft, read, download the PDF. Thin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samensterk.accounts.permissions import scope_for
from samensterk.intake.views.owners import owner_choices, resolve_owner
from samensterk.lib import pdfs
from samensterk.lib.forms import add_service_errors

from . import signal_report
from .forms import ReportCreateForm, ReportEditForm, ReportStoryForm
from .models import SignalReport, SignalReportPdf
from .stories import is_set_aside, report_text

STORIES_SHOWN = 100


def _composable_owners(user) -> list[tuple[str, str]]:
    scope = scope_for(user)
    result = []
    for value, label in owner_choices(user):
        organisation, group = resolve_owner(user, value)
        if signal_report.can_compose(scope, organisation=organisation, group=group):
            result.append((value, label))
    return result


def _report_for(user, reference: str, *, compose: bool = False) -> SignalReport:
    scope = scope_for(user)
    if not scope.has_membership:
        raise Http404
    report = (
        SignalReport.objects.select_related("organisation", "group", "municipality", "theme")
        .filter(signal_report.visible_filter(scope), reference=reference)
        .first()
    )
    if report is None:
        raise Http404
    if compose and not signal_report.can_compose(
        scope, organisation=report.organisation, group=report.group
    ):
        raise Http404
    return report


@login_required
def report_list(request):
    scope = scope_for(request.user)
    if not scope.has_membership:
        raise Http404
    reports = (
        SignalReport.objects.filter(signal_report.visible_filter(scope))
        .select_related("group", "organisation")
        .order_by("-created_at")[:200]
    )
    return render(
        request,
        "reports/report_list.html",
        {"reports": reports, "can_compose": bool(_composable_owners(request.user))},
    )


@login_required
def report_create(request):
    owners = _composable_owners(request.user)
    if not owners:
        raise Http404
    form = ReportCreateForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        organisation, group = resolve_owner(request.user, form.cleaned_data["owner"])
        data = form.cleaned_data
        try:
            report = signal_report.report_create(
                organisation=organisation,
                group=group,
                actor=request.user,
                title=data["title"],
                municipality=data["municipality"],
                theme=data["theme"],
                period_start=data["period_start"],
                period_end=data["period_end"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het rapport is aangemaakt. Kies nu de verhalen."))
            return redirect("reports:report_edit", report.reference)
    return render(
        request,
        "reports/report_form.html",
        {"form": form},
    )


@login_required
def report_edit(request, reference):
    report = _report_for(request.user, reference, compose=True)
    if report.is_final:
        messages.info(request, _("Dit rapport is definitief en kan niet meer veranderen."))
        return redirect("reports:report_detail", report.reference)
    scope = scope_for(request.user)
    candidates = signal_report.story_candidates(scope, report)
    # The latest 100 candidates and those already chosen: enough to choose from.
    shown = list(candidates.values_list("pk", flat=True)[:STORIES_SHOWN])
    shown += list(report.story_signals.values_list("pk", flat=True))
    dossiers = signal_report.dossier_candidates(scope, report)
    form = ReportEditForm(
        request.POST or None,
        stories=candidates.filter(pk__in=shown),
        dossiers=dossiers,
        initial={
            "summary": report.summary,
            "recommendations": report.recommendations,
            "stories": list(report.story_signals.all()),
            "dossiers": list(report.dossiers.all()),
        },
    )
    # A form per chosen story, to edit its text for this report (only here: the edit page is
    # for those who compose the report).
    chosen = signal_report.chosen_stories(report)
    story_forms = [
        ReportStoryForm(
            request.POST or None,
            signal=signal,
            number=number,
            initial={"text": report_text(signal, edit)},
        )
        for number, (signal, edit) in enumerate(chosen, start=1)
    ]
    set_aside = [signal for signal, edit in chosen if edit and is_set_aside(signal, edit)]
    # Every form checked (not all(), which stops at the first), so each shows its errors.
    stories_valid = [story.is_valid() for story in story_forms]
    valid = form.is_valid() and all(stories_valid)
    if request.method == "POST" and valid:
        try:
            signal_report.report_update(
                report=report,
                scope=scope,
                summary=form.cleaned_data["summary"],
                recommendations=form.cleaned_data["recommendations"],
                stories=form.cleaned_data["stories"],
                dossiers=form.cleaned_data["dossiers"],
                story_texts={
                    f.signal.pk: f.cleaned_data["text"]
                    for f in story_forms
                    if f.add_prefix("text") in request.POST  # not sent: not changed
                },
                finalise=bool(request.POST.get("definitief")),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het rapport is opgeslagen."))
            return redirect("reports:report_detail", report.reference)
    return render(
        request,
        "reports/report_edit.html",
        {"report": report, "form": form, "story_forms": story_forms, "set_aside": set_aside},
    )


@login_required
def report_detail(request, reference):
    report = _report_for(request.user, reference)
    scope = scope_for(request.user)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "body": signal_report.render_html_body(report),
            "can_compose": signal_report.can_compose(
                scope, organisation=report.organisation, group=report.group
            ),
        },
    )


@login_required
def report_download(request, reference):
    report = _report_for(request.user, reference)
    return pdfs.download(
        request,
        model=SignalReportPdf,
        owner_id=report.pk,
        html=signal_report.report_print_html(report),
        task=signal_report.report_pdf_make,
        filename=f"signaalrapport-{report.reference}.pdf",
        waiting_url=reverse("reports:report_pdf_wait", args=[report.reference]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_pdf_wait(request, reference):
    report = _report_for(request.user, reference)
    return pdfs.waiting_page(
        request,
        model=SignalReportPdf,
        owner_id=report.pk,
        html=signal_report.report_print_html(report),
        task=signal_report.report_pdf_make,
        context={
            "title": _("Signaalrapport als PDF"),
            "back_url": reverse("reports:report_detail", args=[report.reference]),
            "back_label": report.title,
            "download_url": reverse("reports:report_pdf", args=[report.reference]),
        },
    )
