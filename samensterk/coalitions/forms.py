from django import forms
from django.utils.translation import gettext_lazy as _

from samensterk.accounts.models import Organisation
from samensterk.places.models import Municipality
from samensterk.themes.models import Theme

from .models import Coalition


class CoalitionForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Namens"), queryset=Organisation.objects.none(), empty_label=None
    )
    invite = forms.ModelMultipleChoiceField(
        label=_("Nodig deze organisaties uit"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Coalition
        fields = ["name", "purpose", "municipality", "theme"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "municipality": _("Voor welke gemeente werken jullie samen? Laat leeg bij een thema."),
            "theme": _("Over welk thema? Laat leeg als het over alles in de gemeente gaat."),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations.first()
        self.fields["invite"].queryset = Organisation.objects.exclude(
            pk__in=organisations.values("pk")
        ).order_by("name")
        self.fields["municipality"].queryset = Municipality.objects.filter(active=True).order_by(
            "name"
        )
        self.fields["theme"].queryset = Theme.objects.filter(active=True)
        self.order_fields(["organisation", "name", "purpose", "municipality", "theme", "invite"])


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            coalition_memberships__coalition=coalition
        ).order_by("name")
