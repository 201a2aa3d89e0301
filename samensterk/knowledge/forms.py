from django import forms
from django.utils.translation import gettext_lazy as _

from samensterk.themes.models import Theme

from .models import Item


class ItemForm(forms.ModelForm):
    # Webinars of the seeds have no known address: better no link than a wrong one.
    video_url = forms.URLField(
        label=_("Link naar de video"),
        required=False,
        assume_scheme="https",
        help_text=_("Laat leeg als je het adres niet weet."),
    )
    slides_url = forms.URLField(
        label=_("Link naar de dia's of het bestand"), required=False, assume_scheme="https"
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    publish = forms.BooleanField(label=_("Zichtbaar voor alle groepen"), required=False)

    class Meta:
        model = Item
        fields = [
            "kind", "title", "summary", "body", "video_url", "slides_url", "event_date",
            "view_count", "tags",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 10}),
            "event_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "view_count": _("Bij een webinar: zoals YouTube het telt."),
            "body": _(
                "Een kopje begint met ##, een opsomming met -, een stap met 1. "
                "Zo wordt een handreiking een lijst met onderdelen."
            ),
        }


class ExampleForm(forms.Form):
    """A group tells what worked: easy to fill in, reviewed before all groups see it."""

    title = forms.CharField(label=_("Waar gaat het over? (een korte titel)"), max_length=250)
    body = forms.CharField(
        label=_("Wat hebben jullie gedaan?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    result = forms.CharField(
        label=_("Wat heeft het opgeleverd?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    tips = forms.CharField(
        label=_("Welke tips hebben jullie voor andere groepen?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
