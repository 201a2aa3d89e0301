"""The public side: upcoming sessions, registering (easy Dutch, no account), and the
participant's own page through the link in their e-mail, where they can cancel."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from samensterk.privacy.ratelimit import allow

from . import notifications, selectors, services
from .forms import RegistrationForm
from .models import RegistrationStatus

REGISTER_LIMIT = 20  # registrations per client per hour


def session_list(request, organisation_slug):
    organisation, sessions = selectors.public_sessions(organisation_slug)
    return render(
        request,
        "courses/public_list.html",
        {"organisation": organisation, "sessions": sessions},
    )


def session_register(request, organisation_slug, pk):
    session = selectors.public_session(organisation_slug, pk)
    organisation = session.course_type.organisation
    form = RegistrationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        if not allow(request, "course-register", limit=REGISTER_LIMIT, window=3600):
            form.add_error(None, services.TOO_BUSY)
        else:
            try:
                registration = services.register(session, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                notifications.send(registration, "confirmation")
                return redirect(registration.get_absolute_url())
    return render(
        request,
        "courses/public_register.html",
        {
            "organisation": organisation,
            "session": session,
            "form": form,
            "left": session.capacity - session.confirmed,
        },  # fmt: skip
        status=400 if form.errors else 200,
    )


def _registration(request, token):
    registration = selectors.registration_by_token(token)
    if registration is None:
        return None, render(request, "courses/registration_unknown.html", status=404)
    return registration, None


@never_cache
def registration_page(request, token):
    registration, problem = _registration(request, token)
    if problem:
        return problem
    return render(
        request,
        "courses/registration.html",
        {
            "registration": registration,
            "session": registration.session,
            "token": token,
            "position": services.waiting_position(registration),
            "statuses": RegistrationStatus,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request, token):
    """First a page asking "are you sure?" (a plain form, no JavaScript); the POST cancels."""
    registration, problem = _registration(request, token)
    if problem:
        return problem
    if request.method == "GET" or registration.status == RegistrationStatus.CANCELLED:
        if registration.status == RegistrationStatus.CANCELLED:
            return redirect("courses:registration", token=token)
        return render(
            request,
            "courses/registration_cancel.html",
            {"registration": registration, "session": registration.session, "token": token},
        )
    promoted = services.cancel(registration)
    if promoted is not None:
        notifications.send(promoted, "place")
    return redirect("courses:registration", token=token)
