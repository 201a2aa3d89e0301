"""The communication calendar: national staff keep it (the year's themes with what goes out on
which channel; adding, changing, switching off and removing themes and items; moving an item
from idea to planned to published); coordinators read it; the feed."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samensterk.lib import history
from samensterk.lib.forms import add_service_errors
from samensterk.lib.views import confirm_delete

from . import calendar
from .models import CalendarTheme, Publication, PublicationStatus
from .selectors import calendar_choices, calendar_themes, publication_get_for_user

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ThemeForm(forms.ModelForm):
    class Meta:
        model = CalendarTheme
        fields = ["title", "description", "starts_on", "ends_on"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", gettext_lazy("Het einde moet na het begin liggen."))
        return data


class ThemeEditForm(ThemeForm):
    """Changing a theme: also switching it off (a new one is always on)."""

    class Meta(ThemeForm.Meta):
        fields = [*ThemeForm.Meta.fields, "active"]


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["theme", "channel", "title", "planned_on", "status", "item"]
        widgets = {"planned_on": DATE}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        themes, items = calendar_choices(organisation)
        # A switched-off theme is no longer a choice (an item already under it keeps it).
        current = self.instance.theme_id if self.instance.pk else None
        self.fields["theme"].queryset = themes.filter(Q(active=True) | Q(pk=current))
        self.fields["item"].queryset = items
        self.fields["item"].required = False


@login_required
def calendar_page(request):
    organisation, can_edit = calendar.calendar_for_user(request.user)
    if request.method == "POST" and not can_edit:
        raise Http404  # coordinators read the calendar only
    year = request.GET.get("jaar", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year
    themes = calendar_themes(organisation, year)
    theme_form = ThemeForm(
        request.POST if request.POST.get("form") == "thema" else None, prefix="thema"
    )
    publication_form = PublicationForm(
        request.POST if request.POST.get("form") == "publicatie" else None,
        prefix="item",
        organisation=organisation,
    )
    if request.method == "POST":
        if request.POST.get("form") == "thema" and theme_form.is_valid():
            theme_form.instance.organisation = organisation
            calendar.theme_save(theme_form.instance, form=theme_form, user=request.user)
            messages.success(request, _("Het thema staat in de kalender."))
            return redirect(f"{request.path}?jaar={theme_form.instance.starts_on.year}")
        if request.POST.get("form") == "publicatie" and publication_form.is_valid():
            try:
                calendar.publication_save(publication_form.save(commit=False), user=request.user)
            except ValidationError as error:
                add_service_errors(publication_form, error)
            else:
                messages.success(request, _("Gepland."))
                return redirect(f"{request.path}?jaar={year}")
    return render(
        request,
        "knowledge/calendar.html",
        {
            "year": year,
            "themes": themes,
            "can_edit": can_edit,
            "theme_form": theme_form,
            "publication_form": publication_form,
            "statuses": PublicationStatus.choices,
            "feed_url": request.build_absolute_uri(
                f"/communicatie/feed/{calendar.feed_token(organisation)}.ics"
            ),
        },
        status=400 if (theme_form.errors or publication_form.errors) else 200,
    )


@login_required
@require_POST
def publication_status(request, pk):
    publication = publication_get_for_user(request.user, pk)
    try:
        calendar.publication_set_status(publication, request.POST.get("status", ""))
    except ValidationError:
        raise Http404 from None
    return redirect(
        f"/communicatie/?jaar={publication.planned_on.year}#thema-{publication.theme_id}"
    )


def calendar_feed(request, token):
    organisation = calendar.organisation_by_feed_token(token)
    response = HttpResponse(
        calendar.feed(organisation), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="communicatiekalender.ics"'
    return response


def _back(publication_or_theme) -> str:
    theme = getattr(publication_or_theme, "theme", publication_or_theme)
    year = getattr(publication_or_theme, "planned_on", theme.starts_on).year
    return f"{reverse('knowledge:calendar')}?jaar={year}#thema-{theme.pk}"


@login_required
def theme_edit(request, pk):
    theme = calendar.theme_get_for_user(request.user, pk)
    form = ThemeEditForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        calendar.theme_save(theme, form=form, user=request.user)
        messages.success(request, _("Het thema is opgeslagen."))
        return redirect(_back(theme))
    return render(
        request,
        "knowledge/calendar_theme_form.html",
        {"form": form, "theme": theme, "can_delete": calendar.theme_can_delete(theme),
         "back_url": _back(theme)},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def theme_delete(request, pk):
    """Refused with the reason once something went out under the theme, with switching off as
    the way out."""
    theme = calendar.theme_get_for_user(request.user, pk)
    planned = theme.publications.count()
    return confirm_delete(
        request,
        name=theme.title,
        delete=lambda: calendar.theme_delete(theme, user=request.user),
        refusal=None if calendar.theme_can_delete(theme) else str(calendar.THEME_HAS_HISTORY),
        done_message=_("Het thema is weggehaald."),
        done_url=f"{reverse('knowledge:calendar')}?jaar={theme.starts_on.year}",
        context={
            "explanation": _("Wat bij dit thema gepland staat (%(n)s), gaat mee.") % {"n": planned}
            if planned
            else "",
            "back_url": reverse("knowledge:calendar_theme_edit", args=[theme.pk]),
            "breadcrumb": [(_back(theme), _("Communicatiekalender"))],
        },
    )


@login_required
def publication_edit(request, pk):
    publication = publication_get_for_user(request.user, pk)
    form = PublicationForm(
        request.POST or None, instance=publication, organisation=publication.theme.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            calendar.publication_save(
                form.save(commit=False),
                user=request.user,
                changed=history.changed_labels(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(_back(publication))
    return render(
        request,
        "knowledge/calendar_item_form.html",
        {"form": form, "publication": publication, "back_url": _back(publication)},
        status=400 if form.errors else 200,
    )


@login_required
def publication_delete(request, pk):
    publication = publication_get_for_user(request.user, pk)
    if request.method == "POST":
        back = _back(publication)
        calendar.publication_delete(publication, user=request.user)
        messages.success(request, _("Weggehaald uit de kalender."))
        return redirect(back)
    return render(
        request,
        "includes/confirm_delete.html",
        {
            "object_name": publication.title,
            "back_url": _back(publication),
            "breadcrumb": [(_back(publication), _("Communicatiekalender"))],
        },
    )
