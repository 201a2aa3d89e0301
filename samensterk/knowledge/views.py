"""The knowledge base: search and read (members of the organisation), write and review
(national staff), and good examples from the groups. Thin: rules in services/selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samensterk.accounts.models import LocalGroup
from samensterk.accounts.permissions import scope_for
from samensterk.accounts.selectors import staff_organisation
from samensterk.themes.models import Theme

from . import selectors, services
from .body import sections
from .forms import ExampleForm, ItemForm
from .models import ItemKind, ItemStatus


@login_required
def item_list(request):
    search = request.GET.get("zoek", "").strip()[:100]
    kind = request.GET.get("soort", "")
    if kind and kind not in ItemKind.values:
        raise Http404
    theme = None
    if request.GET.get("thema"):
        theme = Theme.objects.filter(code=request.GET["thema"]).first()
        if theme is None:
            raise Http404
    items = selectors.published_for_user(request.user, kind=kind, theme=theme)
    filtered = bool(search or kind or theme)
    if search:
        found = selectors.search_published(request.user, search, kind=kind, theme=theme)
    else:
        found = items.order_by("-published_at")[:100] if filtered else None
    scope = scope_for(request.user)
    return render(
        request,
        "knowledge/item_list.html",
        {
            "items": found,
            "newest": None if filtered else items.order_by("-published_at")[:6],
            "most_viewed": None if filtered else items.order_by("-view_count")[:6],
            "search": search,
            "kind": kind,
            "theme": theme,
            "kinds": ItemKind.choices,
            "themes": Theme.objects.filter(active=True),
            "is_staff": scope.is_superuser or bool(scope.staff_organisation_ids),
            "can_submit": bool(scope.group_roles),
            "review_count": selectors.to_review(request.user).count(),
        },
    )


@login_required
def item_detail(request, pk):
    item = selectors.item_get_for_user(request.user, pk)
    if item.status == ItemStatus.PUBLISHED:
        selectors.count_view(item)
    scope = scope_for(request.user)
    parts = sections(item.body)
    return render(
        request,
        "knowledge/item_detail.html",
        {
            "item": item,
            "can_edit": scope.is_staff_of(item.organisation_id),
            "sections": parts,
            "contents": [s for s in parts if s.title],
        },
    )


@login_required
def item_by_key(request, key):
    """A stable address for content that comes with the app ('/kennis/over/netwerken/'), so
    other screens can link to it without knowing its number."""
    return redirect(selectors.item_by_key(request.user, key))


@login_required
def item_form(request, pk=None):
    item = None
    if pk is not None:
        item = selectors.item_get_for_user(request.user, pk)
        if not scope_for(request.user).is_staff_of(item.organisation_id):
            raise Http404
    organisation = item.organisation if item else staff_organisation(request.user)
    form = ItemForm(
        request.POST or None,
        instance=item,
        initial={
            "themes": list(item.themes.all()) if item else [],
            "publish": item.status == ItemStatus.PUBLISHED if item else True,
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.organisation = organisation
        saved.created_by = saved.created_by or request.user
        services.item_save(
            saved, themes=form.cleaned_data["themes"], publish=form.cleaned_data["publish"]
        )
        messages.success(request, _("Opgeslagen."))
        return redirect(saved)
    return render(
        request,
        "knowledge/item_form.html",
        {"form": form, "item": item},
        status=400 if form.errors else 200,
    )


@login_required
def example_submit(request):
    scope = scope_for(request.user)
    groups = LocalGroup.objects.filter(pk__in=list(scope.group_roles)).order_by("name")
    if not groups.exists():
        raise Http404
    form = ExampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = groups.first()
        wanted = request.POST.get("groep", "")
        if wanted:
            group = groups.filter(slug=wanted).first()
            if group is None:
                raise Http404
        item = services.example_submit(group=group, user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Dank je wel! Het landelijk bureau kijkt ernaar; daarna zien alle groepen het."),
        )
        return redirect(item)
    return render(
        request,
        "knowledge/example_form.html",
        {"form": form, "groups": groups},
        status=400 if form.errors else 200,
    )


@login_required
def review_list(request):
    scope = scope_for(request.user)
    if not (scope.is_superuser or scope.staff_organisation_ids):
        raise Http404
    return render(
        request, "knowledge/review_list.html", {"items": selectors.to_review(request.user)}
    )


@login_required
@require_POST
def review(request, pk):
    item = selectors.to_review(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    publish = request.POST.get("besluit") == "plaatsen"
    services.review(item, publish=publish, note=request.POST.get("toelichting", "")[:2000])
    messages.success(
        request, _("Geplaatst: alle groepen zien het nu.") if publish else _("Niet geplaatst.")
    )
    return redirect("knowledge:review_list")
