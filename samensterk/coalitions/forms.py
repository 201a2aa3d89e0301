from django import forms
from django.utils.translation import gettext_lazy as _

from samensterk.accounts.models import LocalGroup, Organisation
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
        # Guest partners are invited by e-mail, per coalition (their names stay with it).
        self.fields["invite"].queryset = (
            Organisation.objects.exclude(pk__in=organisations.values("pk"))
            .exclude(kind=Organisation.Kind.GUEST)
            .order_by("name")
        )
        self.fields["municipality"].queryset = Municipality.objects.filter(active=True).order_by(
            "name"
        )
        self.fields["theme"].queryset = Theme.objects.filter(active=True)
        self.order_fields(["organisation", "name", "purpose", "municipality", "theme", "invite"])


class GroupCoalitionForm(CoalitionForm):
    """A coordinator starts a coalition for a municipality of their group, on behalf of the
    group's organisation: the municipality is required and limited to the group's."""

    group = forms.ModelChoiceField(
        label=_("Namens de groep"), queryset=LocalGroup.objects.none(), empty_label=None
    )

    def __init__(self, *args, groups, **kwargs):
        organisations = Organisation.objects.filter(pk__in=groups.values("organisation"))
        super().__init__(*args, organisations=organisations, **kwargs)
        del self.fields["organisation"]
        self.fields["group"].queryset = groups
        if groups.count() == 1:
            self.fields["group"].widget = forms.HiddenInput()
            self.fields["group"].initial = groups.first()
        self.fields["municipality"].required = True
        self.fields["municipality"].queryset = (
            Municipality.objects.filter(local_groups__in=groups).distinct().order_by("name")
        )
        self.fields["municipality"].help_text = _("Een gemeente van jullie groep.")
        self.fields["municipality"].error_messages["required"] = _("Kies een gemeente.")
        self.order_fields(["group", "name", "purpose", "municipality", "theme", "invite"])


class PartnerInviteForm(forms.Form):
    """A partner without its own account in Samen Sterk, invited by e-mail."""

    name = forms.CharField(
        label=_("Naam van de organisatie"),
        max_length=150,
        help_text=_("Bijvoorbeeld de MEE, de Wmo-raad of een cliëntenraad in de gemeente."),
        error_messages={"required": _("Vul de naam van de organisatie in.")},
    )
    contact_name = forms.CharField(label=_("Naam contactpersoon"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mailadres contactpersoon"),
        help_text=_("Hier komt de uitnodiging met een link om een gastaccount te maken."),
        error_messages={
            "required": _("Vul het e-mailadres in."),
            "invalid": _("Dit is geen geldig e-mailadres."),
        },
    )


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.exclude(coalition_memberships__coalition=coalition)
            .exclude(kind=Organisation.Kind.GUEST)
            .order_by("name")
        )
