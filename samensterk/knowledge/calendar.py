"""The communication calendar: per month or two a theme, with planned items per channel, linked
to the knowledge base, with their status; as an iCal feed per organisation (a secret link, for
a calendar app that cannot log in)."""

from __future__ import annotations

from datetime import timedelta

import vobject
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy

from samensterk.accounts.models import Organisation
from samensterk.lib import history
from samensterk.privacy import tokens

from .models import CalendarTheme, Publication, PublicationStatus

THEME_HAS_HISTORY = gettext_lazy(
    "Bij dit thema is al iets gepubliceerd. Weghalen kan daarom niet: dan klopt de "
    "geschiedenis niet meer. Zet het thema op ‘niet actief’; dan kun je het niet meer kiezen."
)
OUTSIDE_THEME = gettext_lazy(
    "Deze datum valt buiten de periode van het thema. Kies een datum in die periode."
)


def calendar_for_user(user) -> tuple[Organisation, bool]:
    """The organisation whose calendar the user sees, and whether they may change it: national
    staff change their organisation's; a coordinator reads their group's organisation's (the
    first, if several). Everyone else: 404."""
    from samensterk.accounts.permissions import scope_for
    from samensterk.accounts.selectors import staff_organisations

    organisation = staff_organisations(user).first()
    if organisation is not None:
        return organisation, True
    scope = scope_for(user)
    coordinated = [scope.group_organisations[g] for g in sorted(scope.coordinated_group_ids)]
    organisation = Organisation.objects.filter(pk__in=coordinated).order_by("pk").first()
    if organisation is None:
        raise Http404
    return organisation, False


def theme_get_for_user(user, pk: int) -> CalendarTheme:
    """A theme the user may change (national staff of its organisation); 404 otherwise, also
    for coordinators, who read the calendar only."""
    from samensterk.accounts.selectors import require_staff

    found = CalendarTheme.objects.filter(pk=pk, organisation__in=require_staff(user)).first()
    if found is None:
        raise Http404
    return found


def theme_can_delete(theme: CalendarTheme) -> bool:
    return not theme.publications.filter(status=PublicationStatus.PUBLISHED).exists()


@transaction.atomic
def theme_save(theme: CalendarTheme, *, form, user) -> CalendarTheme:
    adding = theme.pk is None
    form.save()
    changed = [] if adding else history.changed_labels(form)
    history.record(user, theme, history.ADDITION if adding else history.CHANGE, changed)
    return theme


@transaction.atomic
def theme_delete(theme: CalendarTheme, *, user) -> None:
    """With what was planned for it (ideas and plans), never once something went out."""
    history.delete_unless(theme, user=user, can_delete=theme_can_delete, refusal=THEME_HAS_HISTORY)


@transaction.atomic
def publication_save(publication: Publication, *, user=None, changed=()) -> Publication:
    theme = publication.theme
    if not theme.starts_on <= publication.planned_on <= theme.ends_on:
        raise ValidationError({"planned_on": [OUTSIDE_THEME]})
    adding = publication.pk is None
    publication.save()
    history.record(user, publication, history.ADDITION if adding else history.CHANGE, changed)
    return publication


@transaction.atomic
def publication_delete(publication: Publication, *, user) -> None:
    history.record(user, publication, history.DELETION)
    publication.delete()


def publication_set_status(publication: Publication, status: str) -> Publication:
    if status not in PublicationStatus.values:
        raise ValidationError({"status": [gettext_lazy("Kies een status uit de lijst.")]})
    publication.status = status
    publication.save(update_fields=["status"])
    return publication


def feed_token(organisation: Organisation) -> str:
    return tokens.make("communication", organisation.pk, organisation.slug)


def organisation_by_feed_token(token: str) -> Organisation:
    organisation = tokens.find("communication", token, Organisation.objects.all(), "slug")
    if organisation is None:
        raise Http404
    return organisation


def feed(organisation: Organisation) -> str:
    calendar = vobject.iCalendar()
    calendar.add("x-wr-calname").value = f"Communicatiekalender {organisation.name}"
    for theme in CalendarTheme.objects.filter(organisation=organisation):
        event = calendar.add("vevent")
        event.add("uid").value = f"kalenderthema-{theme.pk}@samensterk"
        event.add("dtstart").value = theme.starts_on
        event.add("dtend").value = theme.ends_on + timedelta(days=1)
        event.add("summary").value = f"Thema: {theme.title}"
    publications = Publication.objects.filter(theme__organisation=organisation).select_related(
        "theme"
    )
    for publication in publications:
        event = calendar.add("vevent")
        event.add("uid").value = f"publicatie-{publication.pk}@samensterk"
        event.add("dtstart").value = publication.planned_on
        event.add("dtend").value = publication.planned_on + timedelta(days=1)
        event.add("summary").value = (
            f"{publication.get_channel_display()}: {publication.title} "
            f"({publication.get_status_display().lower()})"
        )
        event.add("description").value = f"Thema: {publication.theme.title}"
    return calendar.serialize()
