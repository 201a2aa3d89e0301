"""Changes to the knowledge base: staff publish; a group's good example waits for review."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Item, ItemKind, ItemStatus


@transaction.atomic
def item_save(item: Item, *, themes, publish: bool) -> Item:
    """Staff save an item; publishing dates it the first time."""
    if publish and item.status != ItemStatus.PUBLISHED:
        item.status = ItemStatus.PUBLISHED
        item.published_at = item.published_at or timezone.now()
    elif not publish and item.status == ItemStatus.PUBLISHED:
        item.status = ItemStatus.DRAFT
    item.save()
    item.themes.set(themes)
    return item


@transaction.atomic
def example_submit(*, group, user, title, body, result, tips, themes) -> Item:
    item = Item.objects.create(
        organisation=group.organisation, kind=ItemKind.EXAMPLE, title=title, body=body,
        result=result, tips=tips, status=ItemStatus.SUBMITTED, group=group, created_by=user,
        summary=body[:300],
    )  # fmt: skip
    item.themes.set(themes)
    return item


def review(item: Item, *, publish: bool, note: str = "") -> None:
    item.status = ItemStatus.PUBLISHED if publish else ItemStatus.REJECTED
    item.review_note = note
    if publish:
        item.published_at = timezone.now()
    item.save(update_fields=["status", "review_note", "published_at"])
