"""Coordinators follow their members' courses: who registered for what, and who was there.
Read-only; national staff see every group of their organisation. Other groups answer 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from . import selectors
from .models import RegistrationStatus


@login_required
def group_list(request):
    groups = list(selectors.member_groups_for_user(request.user))
    if not groups:
        raise Http404
    if len(groups) == 1:
        return redirect("courses:member_registrations", slug=groups[0].slug)
    return render(request, "courses/member_groups.html", {"groups": groups})


@login_required
def group_registrations(request, slug):
    group, registrations = selectors.member_registrations_for_user(request.user, slug)
    return render(
        request,
        "courses/member_registrations.html",
        {"group": group, "registrations": registrations, "statuses": RegistrationStatus},
    )
