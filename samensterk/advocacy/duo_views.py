"""Duo advocacy: register a duo, prepare a presentation with a run sheet, evaluate it together
(each of the two answers the six questions). Easy Dutch with the "lees voor" button."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import DuoForm, EvaluationForm, PartForm, PresentationForm, evaluation_questions
from .models import TIPS, Duo, Score, Who


@login_required
def duo_list(request):
    duos = selectors.duos_for_user(request.user)
    groups = selectors.filing_groups(request.user)
    form = DuoForm(request.POST or None)
    if request.method == "POST":
        group = groups.filter(slug=request.POST.get("groep", "")).first() or groups.first()
        if group is None:
            raise Http404
        if form.is_valid():
            duo = Duo.objects.create(
                organisation=group.organisation, group=group, **form.cleaned_data
            )
            messages.success(
                request, _("Het duo staat erin. Bereid nu samen een presentatie voor.")
            )
            return redirect(duo)
    return render(
        request, "advocacy/duo_list.html",
        {"duos": duos, "form": form, "groups": groups, "tips": TIPS},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def duo_detail(request, pk):
    duo = selectors.duo_get_for_user(request.user, pk)
    form = PresentationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.duo = duo
        presentation = form.save()
        return redirect(presentation)
    return render(
        request, "advocacy/duo_detail.html",
        {"duo": duo, "presentations": duo.presentations.all(), "form": form, "tips": TIPS},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def presentation_detail(request, pk):
    presentation = selectors.presentation_get_for_user(request.user, pk)
    form = PartForm(request.POST or None, duo=presentation.duo)
    if request.method == "POST" and form.is_valid():
        services.part_add(presentation, **form.cleaned_data)
        return redirect(presentation.get_absolute_url() + "#draaiboek")
    parts = list(presentation.parts.all())
    evaluations = {e.who: e for e in presentation.evaluations.all()}
    return render(
        request,
        "advocacy/presentation_detail.html",
        {
            "presentation": presentation,
            "duo": presentation.duo,
            "parts": parts,
            "total_minutes": sum(p.minutes for p in parts),
            "form": form,
            "tips": TIPS,
            "evaluations": [
                (
                    value,
                    presentation.duo.who_name(value),
                    _answers(presentation.duo, value, evaluations.get(value)),
                )
                for value in (Who.WITH, Who.WITHOUT)
            ],  # fmt: skip
        },
        status=400 if form.errors else 200,
    )


def _answers(duo, who: str, evaluation) -> list[tuple[str, str, str, str]] | None:
    """(question, face, its word, text) for the questions that have an answer; None when the
    evaluation was not filled in. Evaluations from before the faces show their text only."""
    if evaluation is None:
        return None
    other = Who.WITHOUT if who == Who.WITH else Who.WITH
    answers = []
    for face, text, question in evaluation_questions(duo.who_name(who), duo.who_name(other)):
        score = getattr(evaluation, face) if face else ""
        written = getattr(evaluation, text) if text else ""
        if score or written:
            answers.append((question, score, Score(score).label if score else "", written))
    return answers


@login_required
def part_edit(request, pk, part_pk):
    presentation, part = selectors.part_get_for_user(request.user, pk, part_pk)
    form = PartForm(request.POST or None, instance=part, duo=presentation.duo)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect(presentation.get_absolute_url() + f"#onderdeel-{part.pk}")
    return render(
        request,
        "advocacy/part_form.html",
        {"presentation": presentation, "duo": presentation.duo, "part": part, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def part_move(request, pk, part_pk):
    """Up or down one place: plain buttons in a form, no JavaScript needed."""
    presentation, part = selectors.part_get_for_user(request.user, pk, part_pk)
    direction = {"omhoog": -1, "omlaag": 1}.get(request.POST.get("richting", ""))
    if direction is None:
        raise Http404
    services.part_move(part, direction)
    return redirect(presentation.get_absolute_url() + f"#onderdeel-{part.pk}")


@login_required
def part_delete(request, pk, part_pk):
    presentation, part = selectors.part_get_for_user(request.user, pk, part_pk)
    if request.method == "POST":
        services.part_delete(part)
        messages.success(request, _("Het onderdeel is uit het draaiboek gehaald."))
        return redirect(presentation.get_absolute_url() + "#draaiboek")
    back = presentation.get_absolute_url() + "#draaiboek"
    return render(
        request,
        "includes/confirm_delete.html",
        {
            "object_name": part.what,
            "back_url": back,
            "breadcrumb": [
                (presentation.duo.get_absolute_url(), str(presentation.duo)),
                (presentation.get_absolute_url(), presentation.title),
            ],
        },
    )


@login_required
def evaluation(request, pk, who):
    presentation = selectors.presentation_get_for_user(request.user, pk)
    if who not in (Who.WITH, Who.WITHOUT):
        raise Http404
    other_who = Who.WITHOUT if who == Who.WITH else Who.WITH
    name, other = presentation.duo.who_name(who), presentation.duo.who_name(other_who)
    existing = presentation.evaluations.filter(who=who).first()
    form = EvaluationForm(request.POST or None, instance=existing, name=name, other=other)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_save(presentation, who, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Dank je wel, %(name)s!") % {"name": name})
        return redirect(presentation.get_absolute_url() + "#evaluatie")
    context = {
        "presentation": presentation, "form": form, "name": name, "other": other, "tips": TIPS,
    }  # fmt: skip
    context["done"] = existing is not None
    return render(
        request, "advocacy/evaluation_form.html", context, status=400 if form.errors else 200
    )
