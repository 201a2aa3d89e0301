from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import KIND_HELP, Delivery, Kind


class PreferencesForm(forms.Form):
    """Per kind: direct, in the daily overview, or not; and the language of the e-mails."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                help_text=KIND_HELP[kind],
                error_messages={"required": _("Kies hoe je dit wilt krijgen.")},
            )
        self.fields["language"] = forms.ChoiceField(
            label=_("Taal van de e-mails"),
            choices=settings.LANGUAGES,
            widget=forms.RadioSelect,
            error_messages={"required": _("Kies een taal.")},
        )

    def deliveries(self) -> dict[str, str]:
        return {kind: self.cleaned_data[kind] for kind in Kind.values}
