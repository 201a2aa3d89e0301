"""Building questionnaires (staff): the list, a questionnaire with its questions, sections and
conditions, the preview and new versions. Thin: the rules live in services and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samensterk.accounts.selectors import staff_organisation
from samensterk.lib.forms import add_service_errors

from . import monitoring, selectors, services
from .forms import QuestionForm, QuestionnaireForm, SectionForm


@login_required
def questionnaire_list(request):
    return render(
        request,
        "surveys/questionnaire_list.html",
        {
            "questionnaires": selectors.questionnaires_for_user(request.user),
            "rounds": selectors.rounds_for_user(request.user).order_by("-opened_at")[:50],
        },
    )


@login_required
def questionnaire_create(request):
    organisation = staff_organisation(request.user)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.organisation = organisation
        form.instance.created_by = request.user
        questionnaire = form.save()
        messages.success(request, _("De vragenlijst is gemaakt. Voeg nu vragen toe."))
        return redirect(questionnaire)
    return render(request, "surveys/questionnaire_form.html", {"form": form})


@login_required
@require_POST
def install_monitoring(request):
    questionnaire, created = monitoring.install_template(
        staff_organisation(request.user), user=request.user
    )
    if created:
        messages.success(
            request, _("De monitor voor ledengroepen staat klaar. Pas hem aan of verstuur hem.")
        )
    else:
        messages.info(
            request,
            _(
                "De monitor voor ledengroepen was al toegevoegd. Hier is hij: pas hem aan of "
                "verstuur hem."
            ),  # fmt: skip
        )
    return redirect(questionnaire)


@login_required
def questionnaire_detail(request, pk):
    questionnaire = selectors.questionnaire_get_for_user(request.user, pk)
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "questions": questionnaire.questions.select_related("section", "condition_question"),
            "locked": services.is_locked(questionnaire),
            "rounds": questionnaire.rounds.order_by("-opened_at"),
            "section_form": SectionForm(),
            "versions": selectors.questionnaires_for_user(request.user).filter(
                family_id=questionnaire.family_id or questionnaire.pk
            )
            | selectors.questionnaires_for_user(request.user).filter(
                pk=questionnaire.family_id or questionnaire.pk
            ),
        },
    )


@login_required
def questionnaire_edit(request, pk):
    questionnaire = selectors.questionnaire_get_for_user(request.user, pk)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        if services.is_locked(questionnaire):
            form.add_error(None, services.LOCKED)
        else:
            form.save()
            return redirect(questionnaire)
    return render(
        request,
        "surveys/questionnaire_form.html",
        {"form": form, "questionnaire": questionnaire},
        status=400 if form.errors else 200,
    )


@login_required
def questionnaire_preview(request, pk):
    questionnaire = selectors.questionnaire_get_for_user(request.user, pk)
    return render(
        request,
        "surveys/questionnaire_preview.html",
        {
            "questionnaire": questionnaire,
            "questions": questionnaire.questions.select_related("section", "condition_question"),
        },
    )


@login_required
@require_POST
def questionnaire_new_version(request, pk):
    questionnaire = selectors.questionnaire_get_for_user(request.user, pk)
    copy = services.new_version(questionnaire, user=request.user)
    messages.success(
        request,
        _("Versie %(n)d is gemaakt. De antwoorden die er al zijn, blijven bij de oude versie.")
        % {"n": copy.version},
    )
    return redirect(copy)


@login_required
@require_POST
def section_add(request, pk):
    questionnaire = selectors.questionnaire_get_for_user(request.user, pk)
    form = SectionForm(request.POST)
    if services.is_locked(questionnaire):
        messages.error(request, services.LOCKED)
    elif form.is_valid():
        form.instance.questionnaire = questionnaire
        form.instance.position = questionnaire.sections.count()
        form.save()
    else:
        messages.error(request, _("Geef het onderdeel een naam."))
    return redirect(questionnaire)


@login_required
def question_form(request, pk, question_pk=None):
    questionnaire = selectors.questionnaire_get_for_user(request.user, pk)
    instance = None
    if question_pk is not None:
        instance = questionnaire.questions.filter(pk=question_pk).first()
        if instance is None:
            raise Http404
    form = QuestionForm(request.POST or None, instance=instance, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        question = form.save(commit=False)
        try:
            services.question_save(question)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De vraag is bewaard."))
            return redirect(questionnaire.get_absolute_url() + f"#vraag-{question.pk}")
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "questionnaire": questionnaire, "question": instance},
        status=400 if form.errors else 200,
    )


def _question(request, pk, question_pk):
    questionnaire = selectors.questionnaire_get_for_user(request.user, pk)
    question = questionnaire.questions.filter(pk=question_pk).first()
    if question is None:
        raise Http404
    return questionnaire, question


@login_required
@require_POST
def question_move(request, pk, question_pk):
    questionnaire, question = _question(request, pk, question_pk)
    try:
        services.question_move(question, up=request.POST.get("richting") == "omhoog")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(questionnaire.get_absolute_url() + f"#vraag-{question.pk}")


@login_required
@require_POST
def question_delete(request, pk, question_pk):
    questionnaire, question = _question(request, pk, question_pk)
    try:
        services.question_delete(question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De vraag is weggehaald."))
    return redirect(questionnaire)
