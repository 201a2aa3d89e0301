"""The communication calendar (national staff): the year's themes with what goes out on which
channel, adding themes and items, moving an item from idea to planned to published, the feed."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samensterk.accounts.selectors import staff_organisation
from samensterk.lib.forms import add_service_errors

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


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["theme", "channel", "title", "planned_on", "status", "item"]
        widgets = {"planned_on": DATE}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset, self.fields["item"].queryset = calendar_choices(organisation)
        self.fields["item"].required = False


@login_required
def calendar_page(request):
    organisation = staff_organisation(request.user)
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
            theme_form.save()
            messages.success(request, _("Het thema staat in de kalender."))
            return redirect(f"{request.path}?jaar={theme_form.instance.starts_on.year}")
        if request.POST.get("form") == "publicatie" and publication_form.is_valid():
            try:
                calendar.publication_save(publication_form.save(commit=False))
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
