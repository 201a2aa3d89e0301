from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from samensterk.accounts import selectors as account_selectors
from samensterk.accounts.permissions import scope_for
from samensterk.intake import selectors as signal_selectors
from samensterk.places import selectors as place_selectors
from samensterk.themes import selectors as theme_selectors


def home(request):
    if request.user.is_authenticated:
        return redirect("front:dashboard")
    return render(request, "front/home.html")


@login_required
def dashboard(request):
    scope = scope_for(request.user)
    if not scope.has_membership:
        return render(request, "front/no_membership.html")
    groups = list(account_selectors.group_list_for_user(request.user))
    own_groups = [g for g in groups if g.pk in scope.group_roles]
    counts = signal_selectors.open_counts_by_group([g.pk for g in own_groups])
    for group in own_groups:
        group.my_role = scope.group_roles[group.pk]
        group.can_manage = scope.can_manage_group(group)
        group.new_signals, group.open_signals = counts.get(group.pk, (0, 0))
    organisations = [
        {
            "organisation": organisation,
            "role": scope.organisation_roles.get(organisation.pk),
            "group_count": sum(1 for g in groups if g.organisation_id == organisation.pk),
        }
        for organisation in account_selectors.organisation_list_for_user(request.user)
    ]
    return render(
        request,
        "front/dashboard.html",
        {"own_groups": own_groups, "organisations": organisations},
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
