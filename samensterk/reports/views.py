"""Dashboards: a group's and the national office's. Thin: figures come from figures.py, the
filters from filters.py, access from the account selectors (others answer 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samensterk.accounts import selectors as account_selectors
from samensterk.accounts import services as account_services
from samensterk.accounts.forms import RegionForm
from samensterk.accounts.permissions import scope_for
from samensterk.dossiers import selectors as dossier_selectors
from samensterk.intake import patterns
from samensterk.intake import selectors as signal_selectors
from samensterk.intake.models import Channel
from samensterk.places.models import Province
from samensterk.themes.models import Theme

from . import downloads, figures
from . import filters as dashboard_filters

# The htmx target: the filter form and the figures, swapped together so that the form shows
# the filters of the figures under it.
FIGURES_TARGET = "dashboard-figures"


def _filter_context(filters, *, download_view: str, owner_slug: str, tables) -> dict:
    return {
        "filters": filters,
        "filter_themes": Theme.objects.order_by("position", "name"),
        "filter_provinces": Province.objects.order_by("name"),
        "filter_channels": Channel.choices,
        "filter_statuses": dashboard_filters.STATUS_CHOICES,
        "filter_presets": [("3", _("3 maanden")), ("12", _("12 maanden")), ("24", _("24 maanden"))],
        "filter_years": dashboard_filters.year_choices(filters.today),
        "download_view": download_view,
        "owner_slug": owner_slug,
        "download_tables": list(tables),
    }


def _render(request, template, context):
    if request.htmx and request.htmx.target == FIGURES_TARGET:
        template += "#figures"
    return render(request, template, context)


@login_required
def group_dashboard(request, slug):
    # Members only: patterns carry words from the group's original stories; national staff
    # have their own dashboard.
    group = account_selectors.group_get_for_member(request.user, slug)
    scope = scope_for(request.user)
    filters = dashboard_filters.parse(request.GET)
    new, open_ = signal_selectors.open_counts_by_group([group.pk]).get(group.pk, (0, 0))
    open_dossiers, due_actions = dossier_selectors.group_work(scope, group, limit=10)
    context = {
        "group": group,
        "new_signals": new,
        "open_signals": open_,
        "patterns": patterns.dashboard_group_patterns(group),
        "can_dismiss": scope.can_manage_group(group),
        # Read only when the cached fragment has expired (group_dashboard.html).
        "figures": SimpleLazyObject(lambda: figures.group_figures(group, filters=filters)),
        "figures_seconds": figures.DASHBOARD_FIGURES_SECONDS,
        "open_dossiers": open_dossiers,
        "due_actions": due_actions,
        **_filter_context(
            filters,
            download_view="reports:group_dashboard_download",
            owner_slug=group.slug,
            tables=downloads.GROUP_TABLES,
        ),
    }
    return _render(request, "reports/group_dashboard.html", context)


@login_required
def group_dashboard_download(request, slug, table, fmt):
    group = account_selectors.group_get_for_member(request.user, slug)
    filters = dashboard_filters.parse(request.GET)
    return downloads.response(
        figures.group_figures(group, filters=filters),
        downloads.GROUP_TABLES,
        table,
        fmt,
        filters,
        prefix=group.slug,
    )


def _staff_organisation(request, slug):
    organisation = account_selectors.organisation_get_for_user(request.user, slug)
    if not scope_for(request.user).is_staff_of(organisation.pk):
        raise Http404
    return organisation


@login_required
def national_dashboard(request, slug):
    organisation = _staff_organisation(request, slug)
    scope = scope_for(request.user)
    region_ids = account_selectors.staff_region_municipality_ids(request.user, [organisation.pk])
    filters = dashboard_filters.parse(request.GET, region_ids=region_ids)
    region = None
    if region_ids:
        region = figures.region_figures(organisation, region_ids, filters=filters)
    context = {
        "organisation": organisation,
        "figures": SimpleLazyObject(
            lambda: figures.national_figures(organisation, filters=filters)
        ),
        "figures_seconds": figures.DASHBOARD_FIGURES_SECONDS,
        "region": region,
        "region_ids": region_ids,
        "has_region_setting": organisation.pk in scope.organisation_roles,
        "patterns": patterns.dashboard_national_patterns(organisation),
        "open_dossiers": dossier_selectors.open_dossiers(scope, organisation=organisation)[:10],
        "due_actions": dossier_selectors.due_actions(scope, organisation=organisation)[:10],
        **_filter_context(
            filters,
            download_view="reports:national_dashboard_download",
            owner_slug=organisation.slug,
            tables=downloads.NATIONAL_TABLES,
        ),
    }
    return _render(request, "reports/national_dashboard.html", context)


@login_required
def national_dashboard_download(request, slug, table, fmt):
    organisation = _staff_organisation(request, slug)
    region_ids = account_selectors.staff_region_municipality_ids(request.user, [organisation.pk])
    filters = dashboard_filters.parse(request.GET, region_ids=region_ids)
    return downloads.response(
        figures.national_figures(organisation, filters=filters),
        downloads.NATIONAL_TABLES,
        table,
        fmt,
        filters,
        prefix=organisation.slug,
    )


@login_required
@require_http_methods(["GET", "POST"])
def national_region(request, slug):
    """A staff member's own region, for "which themes come in from my region"."""
    organisation = _staff_organisation(request, slug)
    membership = account_selectors.staff_membership_for_user(request.user, organisation)
    if request.method == "POST":
        form = RegionForm(request.POST)
        if form.is_valid():
            account_services.membership_set_region(
                membership=membership,
                provinces=form.cleaned_data["provinces"],
                municipalities=form.cleaned_data["municipalities"],
            )
            messages.success(request, _("Uw regio is bewaard."))
            return redirect("reports:national_dashboard", organisation.slug)
    else:
        form = RegionForm(
            initial={
                "provinces": list(membership.region_provinces.all()),
                "municipalities": list(membership.region_municipalities.all()),
            }
        )
    return render(
        request, "reports/national_region.html", {"organisation": organisation, "form": form}
    )
