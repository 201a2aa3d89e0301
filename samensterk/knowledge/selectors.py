"""Permission-checked reads of the knowledge base. Members of an organisation (its groups and
its staff) read what it published; a group also sees its own submitted examples; national staff
see everything of their organisation, including what waits for review. Otherwise 404."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.http import Http404

from samensterk.accounts.permissions import scope_for
from samensterk.accounts.selectors import require_staff

from .models import CalendarTheme, Item, ItemStatus, Publication
from .search import rank


def items_filter(user) -> Q:
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    return (
        Q(organisation__in=list(scope.organisation_ids), status=ItemStatus.PUBLISHED)
        | Q(organisation__in=list(scope.staff_organisation_ids))
        | Q(group__in=list(scope.group_roles))
    )


def items_for_user(user, *, kind: str = "", theme=None) -> QuerySet[Item]:
    if not scope_for(user).has_membership:
        raise Http404
    items = Item.objects.filter(items_filter(user)).prefetch_related("themes")
    if kind:
        items = items.filter(kind=kind)
    if theme is not None:
        items = items.filter(themes=theme)
    return items


def published_for_user(user, **filters) -> QuerySet[Item]:
    return items_for_user(user, **filters).filter(status=ItemStatus.PUBLISHED)


def search_published(user, query: str, *, kind: str = "", theme=None, limit: int = 100):
    """Published items matching a Dutch search (see search.py), best first."""
    items = published_for_user(user, kind=kind, theme=theme)
    rows = items.values_list("pk", "search_title", "search_text", "view_count")
    found = rank(query, rows)[:limit]
    by_pk = items.in_bulk(found)
    return [by_pk[pk] for pk in found]


def item_by_key(user, key: str) -> Item:
    """Content that comes with the app, by its key, in the user's own organisation (the first,
    for someone in several)."""
    found = published_for_user(user).filter(key=key).order_by("organisation_id").first()
    if found is None:
        raise Http404
    return found


def item_get_for_user(user, pk: int) -> Item:
    found = items_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def count_view(item: Item) -> None:
    Item.objects.filter(pk=item.pk).update(view_count=F("view_count") + 1)


def to_review(user) -> QuerySet[Item]:
    scope = scope_for(user)
    return Item.objects.filter(
        organisation__in=list(scope.staff_organisation_ids), status=ItemStatus.SUBMITTED
    ).select_related("group")


def helpful_for(user, themes, limit: int = 5) -> list[Item]:
    """'What helps with this': published items sharing a theme, most viewed first."""
    theme_ids = [t.pk for t in themes]
    if not theme_ids or not scope_for(user).has_membership:
        return []
    return list(
        Item.objects.filter(items_filter(user), status=ItemStatus.PUBLISHED, themes__in=theme_ids)
        .distinct()
        .order_by("-view_count", "title")[:limit]
    )


# --- The communication calendar (national staff of the organisation only) --------------------


def calendar_themes(organisation, year: int) -> QuerySet[CalendarTheme]:
    """The themes running in a year; `organisation` comes from staff_organisation(user)."""
    return CalendarTheme.objects.filter(
        organisation=organisation, starts_on__year__lte=year, ends_on__year__gte=year
    ).prefetch_related("publications", "publications__item", "items")


def calendar_choices(organisation) -> tuple[QuerySet[CalendarTheme], QuerySet[Item]]:
    """What a publication may be linked to: the organisation's themes and published items."""
    return (
        CalendarTheme.objects.filter(organisation=organisation),
        Item.objects.filter(organisation=organisation, status=ItemStatus.PUBLISHED),
    )


def publication_get_for_user(user, pk: int) -> Publication:
    found = (
        Publication.objects.filter(pk=pk, theme__organisation__in=require_staff(user))
        .select_related("theme")
        .first()
    )
    if found is None:
        raise Http404
    return found
