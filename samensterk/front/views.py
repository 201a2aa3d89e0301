from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samensterk.accounts import selectors as account_selectors
from samensterk.accounts.permissions import scope_for
from samensterk.dossiers import selectors as dossier_selectors
from samensterk.intake import patterns
from samensterk.intake import selectors as signal_selectors
from samensterk.network import selectors as network_selectors
from samensterk.places import selectors as place_selectors
from samensterk.themes import selectors as theme_selectors


def home(request):
    if request.user.is_authenticated:
        return redirect("front:dashboard")
    return render(request, "front/home.html")


@login_required
def dashboard(request):
    scope = scope_for(request.user)
    if scope.is_guest:
        return redirect("coalitions:list")
    if not scope.has_membership:
        return render(request, "front/no_membership.html")
    groups = list(account_selectors.group_list_for_user(request.user))
    own_groups = [g for g in groups if g.pk in scope.group_roles]
    counts = signal_selectors.open_counts_by_group([g.pk for g in own_groups])
    for group in own_groups:
        group.my_role = scope.group_roles[group.pk]
        group.can_manage = scope.can_manage_group(group)
        group.new_signals, group.open_signals = counts.get(group.pk, (0, 0))
        group.patterns = patterns.dashboard_group_patterns(group)
        group.open_dossiers, group.due_actions = dossier_selectors.group_work(scope, group, limit=5)
    organisations = [
        {
            "organisation": organisation,
            "role": scope.organisation_roles.get(organisation.pk),
            "group_count": sum(1 for g in groups if g.organisation_id == organisation.pk),
            "patterns": (
                patterns.dashboard_national_patterns(organisation)
                if scope.is_staff_of(organisation.pk)
                else []
            ),
            "open_dossiers": (
                list(dossier_selectors.open_dossiers(scope, organisation=organisation)[:5])
                if scope.is_staff_of(organisation.pk)
                else []
            ),
            "due_actions": (
                list(dossier_selectors.due_actions(scope, organisation=organisation)[:5])
                if scope.is_staff_of(organisation.pk)
                else []
            ),
        }
        for organisation in account_selectors.organisation_list_for_user(request.user)
    ]
    return render(
        request,
        "front/dashboard.html",
        {
            "own_groups": own_groups,
            "organisations": organisations,
            "network": network_selectors.reminders_for(request.user)
            if scope.has_membership
            else None,
        },
    )


@login_required
def municipality_list(request):
    query = request.GET.get("q", "").strip()[:100]
    if query:
        results = place_selectors.municipality_search(query, limit=50)
        context = {"query": query, "results": results}
    else:
        context = {"query": "", "by_province": place_selectors.municipalities_by_province()}
    template = "front/municipality_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@login_required
def municipality_detail(request, code):
    municipality = place_selectors.municipality_get(code)
    if municipality is None:
        raise Http404
    scope = scope_for(request.user)
    groups = list(account_selectors.groups_covering(request.user, municipality))
    for group in groups:
        group.can_view = scope.can_view_group(group)
    return render(
        request,
        "front/municipality_detail.html",
        {
            "municipality": municipality,
            "places": place_selectors.places_in(municipality),
            "aliases": municipality.aliases.order_by("name"),
            "groups": groups,
        },
    )


@login_required
def theme_list(request):
    return render(request, "front/theme_list.html", theme_selectors.theme_overview())


@login_required
@require_POST
def pattern_dismiss(request):
    """Set an emerging pattern aside (it returns when more signals arrive)."""
    scope = scope_for(request.user)
    group_slug = request.POST.get("groep", "")
    if group_slug:
        group = account_selectors.group_get_for_manager(request.user, group_slug)
        organisation = group.organisation
    else:
        organisation = account_selectors.organisation_get_for_user(
            request.user, request.POST.get("organisatie", "")
        )
        if not scope.is_staff_of(organisation.pk):
            raise Http404
        group = None
    try:
        count = int(request.POST.get("count", "0"))
    except ValueError:
        count = 0
    patterns.pattern_dismiss(
        organisation=organisation,
        group=group,
        key=request.POST.get("key", ""),
        count=count,
        actor=request.user,
    )
    messages.success(
        request, _("Het patroon staat niet meer op je overzicht, tot er nieuwe signalen bij komen.")
    )
    return redirect("front:dashboard")


@login_required
def pattern_words(request):
    """The words a pattern's signals share, loaded by the overview after the page (htmx)."""
    scope = scope_for(request.user)
    key = request.GET.get("key", "")[:100]
    group_slug = request.GET.get("groep", "")
    if group_slug:
        # Members only: the words come from the group's own stories.
        group = account_selectors.group_get_for_member(request.user, group_slug)
        words = patterns.pattern_words(key=key, group=group)
    else:
        organisation = account_selectors.organisation_get_for_user(
            request.user, request.GET.get("organisatie", "")
        )
        if not scope.is_staff_of(organisation.pk):
            raise Http404
        words = patterns.pattern_words(key=key, organisation=organisation)
    return render(request, "front/_pattern_words.html", {"words": words})
