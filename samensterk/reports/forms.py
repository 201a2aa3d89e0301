from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samensterk.places.forms import MunicipalityField
from samensterk.themes.models import Theme

from .models import SignalReport
from .stories import initial_text


def _last_year() -> tuple[date, date]:
    year = timezone.localdate().year - 1
    return date(year, 1, 1), date(year, 12, 31)


class ReportCreateForm(forms.ModelForm):
    owner = forms.ChoiceField(label=_("Rapport van"))
    municipality = MunicipalityField(label=_("Gemeente"))
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("— alle thema's —"),
    )

    class Meta:
        model = SignalReport
        fields = ["title", "municipality", "theme", "period_start", "period_end"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"title": _("Bijvoorbeeld: Signalen uit Amsterdam, 2026.")}

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners
        self.fields["theme"].queryset = Theme.objects.active()
        start, end = _last_year()
        self.initial.setdefault("period_start", start)
        self.initial.setdefault("period_end", end)
        self.order_fields(["owner", "title", "municipality", "theme", "period_start", "period_end"])


class ReportEditForm(forms.Form):
    summary = forms.CharField(
        label=_("Samenvatting"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat is het belangrijkste? Schrijf het in gewone taal, in een paar zinnen."),
    )
    recommendations = forms.CharField(
        label=_("Aanbevelingen aan de gemeente"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    stories = forms.ModelMultipleChoiceField(
        label=_("Verhalen in het rapport"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen verhalen met toestemming staan hier, zonder namen en adressen."),
    )
    dossiers = forms.ModelMultipleChoiceField(
        label=_("Dossiers in het rapport"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, stories, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stories"].queryset = stories
        self.fields["stories"].label_from_instance = story_label
        self.fields["dossiers"].queryset = dossiers
        self.fields["dossiers"].label_from_instance = lambda d: d.title


class ReportStoryForm(forms.Form):
    """One chosen story's text for this report (prefix: the signal), starting from its
    pseudonymised text with the tags written as words."""

    text = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, signal, number: int, **kwargs):
        super().__init__(*args, prefix=f"verhaal-{signal.pk}", **kwargs)
        self.signal = signal
        self.fields["text"].label = _("Tekst van verhaal %(n)d in het rapport") % {"n": number}

    def clean_text(self) -> str:
        # Browsers send line ends as CRLF: compared with the stored text, that is no edit.
        return self.cleaned_data["text"].replace("\r\n", "\n").strip()


def story_label(signal) -> str:
    """When and about what, then the text: alike stories can be told apart."""
    from django.utils import timezone
    from django.utils.formats import date_format

    about = [date_format(timezone.localtime(signal.received_at).date(), "j F Y")]
    about += [place.name for place in (signal.municipality, signal.theme) if place is not None]
    return f"{' · '.join(about)}: {initial_text(signal)[:400]}"
