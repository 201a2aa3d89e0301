"""Dashboards: a group's and the national office's. Thin: figures come from figures.py,
access from the account selectors (others answer 404)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from samensterk.accounts import selectors as account_selectors
from samensterk.accounts.permissions import scope_for
from samensterk.dossiers import selectors as dossier_selectors
from samensterk.intake import patterns
from samensterk.intake import selectors as signal_selectors

from . import figures


@login_required
def group_dashboard(request, slug):
    # Members only: patterns carry words from the group's original stories; national staff
    # have their own dashboard.
    group = account_selectors.group_get_for_member(request.user, slug)
    scope = scope_for(request.user)
    new, open_ = signal_selectors.open_counts_by_group([group.pk]).get(group.pk, (0, 0))
    open_dossiers, due_actions = dossier_selectors.group_work(scope, group, limit=10)
    return render(
        request,
        "reports/group_dashboard.html",
        {
            "group": group,
            "new_signals": new,
            "open_signals": open_,
            "patterns": patterns.dashboard_group_patterns(group),
            "can_dismiss": scope.can_manage_group(group),
            # Read only when the cached fragment has expired (group_dashboard.html).
            "figures": SimpleLazyObject(lambda: figures.group_figures(group)),
            "figures_seconds": figures.DASHBOARD_FIGURES_SECONDS,
            "open_dossiers": open_dossiers,
            "due_actions": due_actions,
        },
    )


@login_required
def national_dashboard(request, slug):
    organisation = account_selectors.organisation_get_for_user(request.user, slug)
    scope = scope_for(request.user)
    if not scope.is_staff_of(organisation.pk):
        raise Http404
    groups = list(account_selectors.organisation_groups_for_user(request.user, organisation))
    region_group = next((g for g in groups if g.slug == request.GET.get("regio")), None)
    region = None
    if region_group is not None:
        region = figures.region_figures(
            organisation, [m.pk for m in region_group.municipalities.all()]
        )
    return render(
        request,
        "reports/national_dashboard.html",
        {
            "organisation": organisation,
            "figures": SimpleLazyObject(lambda: figures.national_figures(organisation)),
            "figures_seconds": figures.DASHBOARD_FIGURES_SECONDS,
            "groups": groups,
            "region_group": region_group,
            "region": region,
            "patterns": patterns.dashboard_national_patterns(organisation),
            "open_dossiers": dossier_selectors.open_dossiers(scope, organisation=organisation)[:10],
            "due_actions": dossier_selectors.due_actions(scope, organisation=organisation)[:10],
        },
    )
