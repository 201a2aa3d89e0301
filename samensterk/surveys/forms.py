from django import forms
from django.utils.translation import gettext_lazy as _

from samensterk.accounts.models import LocalGroup
from samensterk.places.models import Municipality
from samensterk.themes.models import Theme

from .models import Audience, PanelMember, Question, Questionnaire, Round, Section


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "intro", "purpose", "anonymous"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 4})}


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label=_("Antwoorden om te kiezen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Elk antwoord op een eigen regel (bij één of meer antwoorden en een tabel)."),
    )
    rows_text = forms.CharField(
        label=_("Onderdelen van de tabel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Elk onderdeel op een eigen regel (alleen bij een tabel)."),
    )
    condition_text = forms.CharField(
        label=_("…bij dit antwoord"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld ‘ja’. Meer antwoorden? Zet een ; ertussen."),
    )

    class Meta:
        model = Question
        fields = [
            "text",
            "help_text",
            "kind",
            "required",
            "section",
            "scale_min",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
            "condition_question",
        ]
        labels = {
            "scale_min": _("Schaal van"),
            "scale_max": _("tot en met"),
            "scale_min_label": _("Uitleg bij het laagste getal"),
            "scale_max_label": _("Uitleg bij het hoogste getal"),
        }

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.questionnaire = questionnaire
        self.fields["section"].queryset = Section.objects.filter(questionnaire=questionnaire)
        self.fields["section"].label = _("Onderdeel")
        earlier = questionnaire.questions.order_by("position", "pk")
        if self.instance.pk:
            earlier = earlier.filter(position__lt=self.instance.position)
        self.fields["condition_question"].queryset = earlier
        self.fields["condition_question"].required = False
        if self.instance.pk:
            self.fields["options_text"].initial = "\n".join(self.instance.options)
            self.fields["rows_text"].initial = "\n".join(self.instance.rows)
            self.fields["condition_text"].initial = "; ".join(self.instance.condition_values)

    def clean(self):
        data = super().clean()
        self.instance.options = _lines(data.get("options_text", ""))
        self.instance.rows = _lines(data.get("rows_text", ""))
        self.instance.condition_values = [
            v.strip() for v in data.get("condition_text", "").split(";") if v.strip()
        ]
        return data


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]
        labels = {"title": _("Nieuw onderdeel")}


class RoundForm(forms.ModelForm):
    groups = forms.ModelMultipleChoiceField(
        label=_("Ledengroepen"),
        queryset=LocalGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bij ‘Ledengroepen’. Niets gekozen: alle groepen."),
    )
    people_text = forms.CharField(
        label=_("Mensen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Bij ‘Een lijst met mensen’: per regel een naam, een komma en een e-mailadres."
        ),
    )

    class Meta:
        model = Round
        fields = ["title", "audience", "closes_on"]
        widgets = {"closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = LocalGroup.objects.filter(
            organisation=questionnaire.organisation
        ).order_by("name")
        self.fields["audience"].initial = {
            "monitoring": Audience.GROUPS,
            "panel": Audience.PANEL,
        }.get(questionnaire.purpose, Audience.PEOPLE)

    def clean_people_text(self):
        people = []
        for number, line in enumerate(_lines(self.cleaned_data["people_text"]), start=1):
            name, _sep, email = line.rpartition(",")
            email = email.strip()
            try:
                forms.EmailField().clean(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Regel %(n)d: ‘%(email)s’ is geen e-mailadres.")
                    % {"n": number, "email": email}
                ) from None
            people.append((name.strip() or email, email))
        return people


class PanelMemberForm(forms.ModelForm):
    class Meta:
        model = PanelMember
        fields = ["name", "email", "municipality", "relation", "themes"]
        widgets = {"themes": forms.CheckboxSelectMultiple}


class PanelSignupForm(forms.Form):
    """Signing up for the panel oneself: easy Dutch, consent asked in so many words."""

    name = forms.CharField(label=_("Je naam"), max_length=150)
    email = forms.EmailField(
        label=_("Je e-mailadres"), help_text=_("Hierheen sturen we de vragenlijsten.")
    )
    municipality = forms.ModelChoiceField(
        label=_("In welke gemeente woon je?"),
        queryset=Municipality.objects.filter(active=True).order_by("name"),
        empty_label=_("Kies je gemeente"),
    )
    relation = forms.ChoiceField(
        label=_("Wie ben je?"), choices=PanelMember.Relation.choices, widget=forms.RadioSelect
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Waar wil je vragen over krijgen?"),
        queryset=Theme.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Je mag er meer kiezen. Je mag dit ook leeg laten."),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik doe mee met het panel. Ik krijg soms een vragenlijst. Mijn antwoorden worden "
            "gebruikt om op te komen voor mensen met een beperking. Ik kan altijd stoppen."
        ),
        error_messages={"required": _("Zet een vinkje als je mee wilt doen.")},
    )
