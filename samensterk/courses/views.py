"""Managing courses (national staff): the sessions, planning one (qualified trainers, never
twice at once), its registrations and waiting list, attendance and certificates, return
meetings; trainers; a course type with its course book. Thin: rules in services/selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samensterk.accounts.selectors import staff_organisation
from samensterk.lib import history
from samensterk.lib.forms import add_service_errors
from samensterk.lib.views import confirm_delete
from samensterk.surveys import disclosure

from . import evaluations, selectors, services
from .forms import CourseTypeForm, FollowUpForm, PageForm, SessionForm, TrainerForm
from .models import CourseType, RegistrationStatus


@login_required
def overview(request):
    sessions = selectors.sessions_for_user(request.user)
    now = timezone.now()
    return render(
        request,
        "courses/overview.html",
        {
            "upcoming": sessions.filter(ends_at__gte=now).order_by("starts_at"),
            "past": sessions.filter(ends_at__lt=now).order_by("-starts_at")[:30],
            "course_types": selectors.course_types_for_user(request.user),
            "organisations": {
                t.organisation for t in selectors.course_types_for_user(request.user)
            },
        },
    )


@login_required
def session_form(request, pk=None):
    session = selectors.session_get_for_user(request.user, pk) if pk else None
    form = SessionForm(
        request.POST or None,
        instance=session,
        course_types=selectors.course_types_for_user(request.user),
        trainers=selectors.trainers_for_user(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.session_save(
                form.save(commit=False), trainers=form.cleaned_data["trainers"], user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De cursusdag is opgeslagen."))
            return redirect(saved)
    return render(
        request,
        "courses/session_form.html",
        {"form": form, "session": session},
        status=400 if form.errors else 200,
    )


@login_required
def session_detail(request, pk):
    session = selectors.session_get_for_user(request.user, pk)
    registrations = session.registrations.select_related("group")
    return render(
        request,
        "courses/session_detail.html",
        {
            "session": session,
            "past": session.ends_at < timezone.now(),
            "started": session.starts_at <= timezone.now(),
            "confirmed": registrations.filter(status=RegistrationStatus.CONFIRMED),
            "waiting": registrations.filter(status=RegistrationStatus.WAITING),
            "cancelled": registrations.filter(status=RegistrationStatus.CANCELLED),
            "follow_up_form": FollowUpForm(),
            "follow_ups": session.follow_ups.order_by("starts_at"),
            "trainers": session.trainers.all(),
        },
    )


@login_required
@require_POST
def attendance(request, pk):
    session = selectors.session_get_for_user(request.user, pk)
    present = {int(v) for v in request.POST.getlist("aanwezig") if v.isdigit()}
    try:
        qualified = services.attendance_save(session, present)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(session)
    messages.success(request, _("De aanwezigheid is opgeslagen."))
    if qualified:
        messages.success(
            request,
            _("In de trainerspool, met de cursussen die ze nu mogen geven: %(names)s.")
            % {"names": ", ".join(t.name for t in qualified)},
        )
    return redirect(session)


@login_required
@require_POST
def evaluation_send(request, pk):
    session = selectors.session_get_for_user(request.user, pk)
    try:
        survey_round = evaluations.send_evaluation(session, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(session)
    messages.success(request, _("De evaluatie is verstuurd naar wie er was."))
    return redirect(survey_round)


@login_required
def evaluation_results(request):
    by_type, by_trainer = evaluations.results_for(request.user)
    return render(
        request,
        "courses/evaluations.html",
        {
            "sections": [(_("Per cursus"), by_type), (_("Per trainer"), by_trainer)],
            "k": disclosure.threshold(),
        },
    )


@login_required
def type_form(request, pk=None):
    course_type = selectors.course_type_get_for_user(request.user, pk) if pk else None
    # A new one belongs to the staff member's organisation; anyone else gets 404 already for the
    # empty form, not only when saving it.
    entry = course_type or CourseType(organisation=staff_organisation(request.user))
    form = CourseTypeForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("De cursus is opgeslagen."))
        return redirect(saved)
    return render(
        request,
        "courses/type_form.html",
        {"form": form, "course_type": course_type},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def follow_up(request, pk):
    session = selectors.session_get_for_user(request.user, pk)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(session)
    try:
        created = services.follow_up_plan(session, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(session)
    messages.success(request, _("De terugkomdag is gepland; de deelnemers staan erop."))
    return redirect(created)


@login_required
def certificates(request, pk):
    """One page per participant who was there, as one PDF."""
    from weasyprint import HTML

    session = selectors.session_get_for_user(request.user, pk)
    present = session.registrations.filter(status=RegistrationStatus.CONFIRMED, attended=True)
    html = render_to_string(
        "courses/certificates.html", {"session": session, "participants": present}, request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificaten-{session.pk}.pdf"'
    return response


@login_required
def trainers(request):
    course_types = selectors.course_types_for_user(request.user)
    form = TrainerForm(request.POST or None, course_types=course_types)
    if request.method == "POST" and form.is_valid():
        form.instance.organisation = course_types.first().organisation if course_types else None
        if form.instance.organisation is None:
            form.add_error(None, _("Maak eerst een soort cursus."))
        else:
            services.trainer_save(
                form.save(commit=False),
                qualified_for=form.cleaned_data["qualified_for"],
                user=request.user,
            )
            messages.success(request, _("De trainer is toegevoegd."))
            return redirect("courses:trainers")
    return render(
        request,
        "courses/trainers.html",
        {"trainers": selectors.trainers_for_user(request.user), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def type_detail(request, pk):
    course_type = selectors.course_type_get_for_user(request.user, pk)
    form = PageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.course_type = course_type
        form.save()
        messages.success(request, _("De pagina staat in het cursusboek."))
        return redirect(course_type)
    return render(
        request,
        "courses/type_detail.html",
        {"course_type": course_type, "pages": course_type.pages.all(), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def page_edit(request, pk, page_pk):
    course_type = selectors.course_type_get_for_user(request.user, pk)
    page = course_type.pages.filter(pk=page_pk).first()
    if page is None:
        raise Http404
    form = PageForm(request.POST or None, instance=page)
    if request.method == "POST":
        if request.POST.get("weghalen"):
            page.delete()
            messages.success(request, _("De pagina is uit het cursusboek gehaald."))
            return redirect(course_type)
        if form.is_valid():
            form.save()
            messages.success(request, _("De pagina is bijgewerkt."))
            return redirect(course_type.get_absolute_url() + f"#p{page.pk}")
    return render(
        request,
        "courses/page_form.html",
        {"form": form, "course_type": course_type, "page": page},
        status=400 if form.errors else 200,
    )


@login_required
def course_book(request, pk):
    from weasyprint import HTML

    course_type = selectors.course_type_get_for_user(request.user, pk)
    html = render_to_string(
        "courses/course_book.html",
        {"course_type": course_type, "pages": course_type.pages.all()},
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="cursusboek-{course_type.pk}.pdf"'
    return response


@login_required
def trainer_edit(request, pk):
    trainer = selectors.trainer_get_for_user(request.user, pk)
    course_types = CourseType.objects.filter(organisation=trainer.organisation_id)
    form = TrainerForm(request.POST or None, instance=trainer, course_types=course_types)
    if request.method == "POST" and form.is_valid():
        services.trainer_save(
            form.save(commit=False),
            qualified_for=form.cleaned_data["qualified_for"],
            user=request.user,
            changed=history.changed_labels(form),
        )
        messages.success(
            request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": trainer.name}
        )
        return redirect("courses:trainers")
    return render(
        request,
        "courses/trainer_form.html",
        {"form": form, "trainer": trainer, "can_delete": services.trainer_can_delete(trainer)},
        status=400 if form.errors else 200,
    )


@login_required
def trainer_delete(request, pk):
    """Refused with the reason when the trainer has sessions, with switching off as the way
    out."""
    trainer = selectors.trainer_get_for_user(request.user, pk)
    return confirm_delete(
        request,
        name=trainer.name,
        delete=lambda: services.trainer_delete(trainer, user=request.user),
        refusal=None if services.trainer_can_delete(trainer) else str(services.TRAINER_HAS_HISTORY),
        done_message=_("%(name)s is weggehaald.") % {"name": trainer.name},
        done_url=reverse("courses:trainers"),
        context={
            "back_url": reverse("courses:trainer_edit", args=[trainer.pk]),
            "breadcrumb": [(reverse("courses:trainers"), _("Trainers"))],
        },
    )
