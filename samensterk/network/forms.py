from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ContactMoment, NetworkStage, Person, RelationKind, Stakeholder
from .services import CONTACT_FIELDS, PERSON_FIELDS, STAKEHOLDER_FIELDS

SCALE_CHOICES = [
    (1, _("1 – heel weinig")),
    (2, "2"),
    (3, _("3 – gemiddeld")),
    (4, "4"),
    (5, _("5 – heel veel")),
]


class EntryForm(forms.ModelForm):
    confirmed = forms.BooleanField(
        label=_("Toch toevoegen: het is echt een andere"),
        required=False,
        help_text=_("Alleen nodig als we melden dat deze naam al in het netwerk staat."),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = municipalities
        field.empty_label = _("Geen gemeente: landelijk of in de hele regio")
        for name in ("power", "interest"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=SCALE_CHOICES,
                coerce=int,
                initial=3,
                help_text=self.fields[name].help_text,
            )


HELP = {
    "power": _("Hoeveel invloed heeft deze op het beleid van de gemeente?"),
    "interest": _("Hoeveel belang heeft deze bij ons onderwerp?"),
}


class StakeholderForm(EntryForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Stakeholder
        fields = list(STAKEHOLDER_FIELDS)
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = HELP

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds


class PersonForm(EntryForm):
    class Meta:
        model = Person
        fields = list(PERSON_FIELDS)
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "stage": forms.RadioSelect,
            "left_role_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            **HELP,
            "role": _("Bijvoorbeeld: wethouder zorg, beleidsmedewerker Wmo, voorzitter."),
            "preferred_contact": _("Sommige mensen bellen liever, anderen appen liever."),
            "keep_in_touch_days": _(
                "Bijvoorbeeld 90. Dan zie je een herinnering als het langer geleden is."
            ),
            "left_role_on": _("Vul in als iemand niet meer in deze functie zit."),
        }

    def __init__(self, *args, stakeholders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = stakeholders
        self.fields["stakeholder"].empty_label = _("Nog niet bekend")
        self.fields["preferred_contact"].choices = [("", _("Weet ik niet"))] + [
            c for c in self.fields["preferred_contact"].choices if c[0]
        ]


class ContactForm(forms.ModelForm):
    stage = forms.ChoiceField(
        label=_("Netwerkstap na dit contact"),
        choices=[("", _("Blijft gelijk"))] + list(NetworkStage.choices),
        required=False,
    )

    class Meta:
        model = ContactMoment
        fields = list(CONTACT_FIELDS)
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "next_step_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "discussed": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "our_people": _("Bijvoorbeeld: Carla en Ahmed."),
            "private": _("Dan ziet alleen jullie groep dit contact, niet de andere groepen."),
        }

    def __init__(self, *args, with_stage: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_stage:
            del self.fields["stage"]


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Relatie"), choices=RelationKind.choices)
    target = forms.ChoiceField(label=_("Met"))

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("Kies een organisatie of persoon"))] + targets
