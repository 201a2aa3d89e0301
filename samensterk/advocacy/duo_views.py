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
from .forms import DuoForm, EvaluationForm, PartForm, PresentationForm
from .models import TIPS, Duo, Who


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
    form = PartForm(request.POST or None)
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
                (value, label, evaluations.get(value))
                for value, label in Who.choices
                if value != Who.BOTH
            ],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def part_delete(request, pk, part_pk):
    presentation = selectors.presentation_get_for_user(request.user, pk)
    presentation.parts.filter(pk=part_pk).delete()
    return redirect(presentation.get_absolute_url() + "#draaiboek")


@login_required
def evaluation(request, pk, who):
    presentation = selectors.presentation_get_for_user(request.user, pk)
    if who not in (Who.WITH, Who.WITHOUT):
        raise Http404
    name = presentation.duo.person_with if who == Who.WITH else presentation.duo.person_without
    existing = presentation.evaluations.filter(who=who).first()
    form = EvaluationForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_save(presentation, who, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Dank je wel, %(name)s!") % {"name": name})
        return redirect(presentation.get_absolute_url() + "#evaluatie")
    context = {"presentation": presentation, "form": form, "name": name, "tips": TIPS}
    context["done"] = existing is not None
    return render(
        request, "advocacy/evaluation_form.html", context, status=400 if form.errors else 200
    )
