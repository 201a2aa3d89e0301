"""The communication calendar: per month or two a theme, with planned items per channel, linked
to the knowledge base, with their status; as an iCal feed per organisation (a secret link, for
a calendar app that cannot log in)."""

from __future__ import annotations

from datetime import timedelta

import vobject
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy

from samensterk.accounts.models import Organisation
from samensterk.privacy import tokens

from .models import CalendarTheme, Publication, PublicationStatus

OUTSIDE_THEME = gettext_lazy(
    "Deze datum valt buiten de periode van het thema. Kies een datum in die periode."
)


def publication_save(publication: Publication) -> Publication:
    theme = publication.theme
    if not theme.starts_on <= publication.planned_on <= theme.ends_on:
        raise ValidationError({"planned_on": [OUTSIDE_THEME]})
    publication.save()
    return publication


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
