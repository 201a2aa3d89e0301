"""Rounds (staff): sending a questionnaire, who answered, the results with break-downs and the
trend, the monitoring overview, export, closing; a group's own monitoring answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samensterk.accounts.models import LocalGroup
from samensterk.lib.forms import add_service_errors
from samensterk.places.models import Municipality

from . import disclosure, engine, monitoring, notifications, results, selectors, services
from .forms import RoundForm
from .models import Audience, PanelMember


@login_required
def round_create(request, pk):
    questionnaire = selectors.questionnaire_get_for_user(request.user, pk)
    form = RoundForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        audience = data["audience"]
        groups = panel = people = ()
        if audience == Audience.GROUPS:
            groups = list(data["groups"]) or list(form.fields["groups"].queryset)
        elif audience == Audience.PANEL:
            panel = list(
                PanelMember.objects.filter(
                    organisation=questionnaire.organisation, opted_out_at__isnull=True
                )
            )
        else:
            people = data["people_text"]
        try:
            survey_round = services.round_open(
                questionnaire,
                user=request.user,
                title=data["title"],
                audience=audience,
                closes_on=data["closes_on"],
                groups=groups,
                panel_members=panel,
                people=people,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            sent, failed = notifications.send_invitations(survey_round)
            messages.success(
                request,
                _("De ronde is open: %(n)d uitnodigingen, %(sent)d per e-mail verstuurd.")
                % {"n": survey_round.invitations.count(), "sent": sent},
            )
            return redirect(survey_round)
    return render(
        request,
        "surveys/round_form.html",
        {"form": form, "questionnaire": questionnaire},
        status=400 if form.errors else 200,
    )


BREAKDOWN_LABELS = {
    "groep": gettext_lazy("per groep"),
    "gemeente": gettext_lazy("per gemeente"),
    "provincie": gettext_lazy("per provincie"),
    "thema": gettext_lazy("per thema (panel)"),
}


@login_required
def round_detail(request, pk):
    """A round's results for staff, under the disclosure rule like every other page: exact
    figures for a group of at least the threshold, nothing below it."""
    survey_round = selectors.round_get_for_user(request.user, pk)
    by = request.GET.get("uitsplitsen", "")
    question_pk = request.GET.get("vraag", "")
    split = None
    if by in disclosure.BY and question_pk.isdigit():
        question = survey_round.questionnaire.questions.filter(pk=int(question_pk)).first()
        if question is None or question.kind not in (
            engine.Kind.SINGLE,
            engine.Kind.MULTIPLE,
            engine.Kind.YES_NO,
            engine.Kind.SCALE,
        ):
            raise Http404
        split = {
            "question": question,
            "by": BREAKDOWN_LABELS[by],
            "table": disclosure.breakdown(survey_round, question, by),
        }
    group, municipality = _result_filter(request, survey_round)
    if group is not None or municipality is not None:
        found = disclosure.place_outcome(survey_round, municipality=municipality, group=group)
    else:
        found = disclosure.outcome(survey_round)
    return render(
        request,
        "surveys/round_detail.html",
        {
            "round": survey_round,
            "questionnaire": survey_round.questionnaire,
            "rate": disclosure.response_rate(survey_round),
            "is_open": services.is_open(survey_round),
            "invitations": (
                survey_round.invitations.select_related("group", "panel_member")
                if disclosure.invitee_list(survey_round)
                else None
            ),
            "outcome": found,
            "results": found.results,
            "filter_group": group,
            "filter_municipality": municipality,
            "filter_groups": LocalGroup.objects.filter(
                pk__in=survey_round.responses.values("group")
            ).order_by("name"),
            "filter_municipalities": Municipality.objects.filter(
                pk__in=survey_round.responses.values("municipality")
            ).order_by("name"),
            "trend": results.trend(survey_round),
            "trend_questions": [
                q
                for q in survey_round.questionnaire.questions.all()
                if q.kind in (engine.Kind.YES_NO, engine.Kind.SCALE, engine.Kind.NUMBER)
            ],
            "split": split,
            "breakdowns": BREAKDOWN_LABELS,
            "is_monitoring": monitoring.is_template_round(survey_round),
            "per_municipality": (
                disclosure.partition(survey_round, "gemeente")
                if survey_round.audience == Audience.PANEL
                else None
            ),
        },
    )


def _result_filter(request, survey_round):
    """?groep=<slug> or ?gemeente=<pk>: the results of one group or municipality (under the
    rule); one without answers in this round answers 404."""
    group = municipality = None
    slug, place = request.GET.get("groep", ""), request.GET.get("gemeente", "")
    if slug:
        group = LocalGroup.objects.filter(
            slug=slug, pk__in=survey_round.responses.values("group")
        ).first()
        if group is None:
            raise Http404
    if place:
        municipality = Municipality.objects.filter(
            pk=place if place.isdigit() else 0,
            pk__in=survey_round.responses.values("municipality"),
        ).first()
        if municipality is None:
            raise Http404
    return group, municipality


@login_required
def round_overview(request, pk):
    survey_round = selectors.round_get_for_user(request.user, pk)
    if not monitoring.is_template_round(survey_round):
        raise Http404
    found = disclosure.outcome(survey_round, charts=False)
    return render(
        request,
        "surveys/monitoring_overview.html",
        {
            "round": survey_round,
            "outcome": found,
            "overview": monitoring.overview(survey_round) if found.shown else None,
        },
    )


@login_required
def round_export(request, pk, file_format):
    survey_round = selectors.round_get_for_user(request.user, pk)
    if file_format == "csv":
        response = HttpResponse(
            results.export_csv(survey_round), content_type="text/csv; charset=utf-8"
        )
    elif file_format == "xlsx":
        response = HttpResponse(
            results.export_xlsx(survey_round),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = (
        f'attachment; filename="ronde-{survey_round.pk}.{file_format}"'
    )
    return response


@login_required
@require_POST
def round_close(request, pk):
    survey_round = selectors.round_get_for_user(request.user, pk)
    services.round_close(survey_round)
    messages.success(request, _("De ronde is gesloten. Er kan niet meer geantwoord worden."))
    return redirect(survey_round)


@login_required
def group_monitoring(request, slug):
    group, responses = selectors.group_monitoring_for_user(request.user, slug)
    rounds = []
    for response in responses:
        questions = list(response.round.questionnaire.questions.order_by("position", "pk"))
        values = {a.question_id: a.value for a in response.answers.all()}
        rounds.append(
            {
                "round": response.round,
                "rows": [
                    (q.text, engine.display(q, values[q.pk])) for q in questions if q.pk in values
                ],
            }
        )
    return render(request, "surveys/group_monitoring.html", {"group": group, "rounds": rounds})
