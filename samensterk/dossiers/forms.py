from django import forms
from django.utils.translation import gettext_lazy as _

from samensterk.places.forms import MunicipalitiesField
from samensterk.themes.models import Theme

from .models import CostItem, Dossier, DossierAction, Payer, Strategy


class DossierForm(forms.ModelForm):
    owner = forms.ChoiceField(label=_("Van wie is dit dossier?"))
    municipalities = MunicipalitiesField(
        label=_("Gemeenten"),
        help_text=_("Typ de naam van de gemeente. Meer gemeenten scheid je met een komma."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nieuwe signalen over deze thema's in dit gebied worden voorgesteld."),
    )

    class Meta:
        model = Dossier
        fields = [
            "title",
            "problem",
            "area",
            "municipalities",
            "region_name",
            "themes",
            "affected_estimate",
            "affected_estimate_source",
            "goals",
            "strategy",
            "status",
            "outcome",
            "shared_with_national",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5}),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "area": forms.RadioSelect,
            "strategy": forms.RadioSelect,
        }
        help_texts = {
            "problem": _("Wat gaat er mis, voor wie? Schrijf het zo dat iedereen het begrijpt."),
            "affected_estimate": _(
                "Hoeveel mensen hebben er volgens jullie last van? Het aantal signalen staat "
                "er vanzelf bij."
            ),
            "affected_estimate_source": _("Bijvoorbeeld: cijfers van de gemeente (2025)."),
        }

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["strategy"].choices = [("", _("Nog niet gekozen"))] + list(Strategy.choices)
        if owners is None:  # editing: the owner stays
            del self.fields["owner"]
            if self.instance.group_id is None:
                del self.fields["shared_with_national"]
        else:
            self.fields["owner"].choices = owners
        if self.instance.pk:
            self.initial.setdefault("municipalities", list(self.instance.municipalities.all()))

    def values(self) -> dict:
        """What the services take: the dossier's fields, municipalities and themes."""
        return {key: value for key, value in self.cleaned_data.items() if key != "owner"}


class ActionForm(forms.ModelForm):
    owner = forms.ChoiceField(label=_("Wie doet het"), required=False)

    class Meta:
        model = DossierAction
        fields = [
            "kind",
            "date",
            "title",
            "owner",
            "contact",
            "done",
            "what_happened",
            "next_step",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "what_happened": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "date": _("Wanneer het was, of wanneer het gepland is."),
            "done": _("Vink aan als het gebeurd is; anders krijgt de eigenaar een herinnering."),
        }

    def __init__(self, *args, people=(), contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts
        self.fields["contact"].empty_label = _("— niemand uit het netwerk —")
        self._people = {str(pk): user for pk, user in people}
        self.fields["owner"].choices = [("", _("— niemand —"))] + [
            (pk, user.full_name or user.email) for pk, user in self._people.items()
        ]
        if self.instance.owner_id:
            self.initial["owner"] = str(self.instance.owner_id)

    def clean_owner(self):
        value = self.cleaned_data.get("owner") or ""
        return self._people.get(value)


class CostItemForm(forms.ModelForm):
    class Meta:
        model = CostItem
        fields = [
            "description",
            "people",
            "current_amount",
            "proposed_amount",
            "assumption",
            "payer",
            "payer_name",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A line sent without a payer (an older form, a script) is the municipality's.
        self.fields["payer"].required = False

    def clean_payer(self):
        return self.cleaned_data.get("payer") or Payer.MUNICIPALITY

    def has_changed(self):
        # An empty extra line stays empty when only its payer differs (or was not sent).
        changed = set(self.changed_data)
        if not self.instance.pk:
            changed -= {"payer"}
        return bool(changed)


CostItemFormSet = forms.modelformset_factory(
    CostItem, form=CostItemForm, extra=2, can_delete=True, max_num=30, validate_max=True
)


class CostNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting bij de kosten"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
