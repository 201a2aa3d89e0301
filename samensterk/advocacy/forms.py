from django import forms
from django.utils.translation import gettext_lazy as _

from samensterk.places.models import Municipality, Province
from samensterk.places.selectors import municipality_lookup
from samensterk.themes.models import Theme

from .models import (
    Advocate,
    DuoEvaluation,
    Law,
    Presentation,
    RequestKind,
    RunSheetPart,
    Score,
)


class RequestForm(forms.Form):
    member_name = forms.CharField(label=_("Naam van het lid dat hulp vraagt"), max_length=150)
    member_email = forms.EmailField(label=_("E-mailadres van het lid (mag leeg)"), required=False)
    member_phone = forms.CharField(
        label=_("Telefoonnummer van het lid (mag leeg)"), max_length=30, required=False
    )
    kind = forms.ChoiceField(
        label=_("Wat is er nodig?"), choices=RequestKind.choices, widget=forms.RadioSelect
    )
    what = forms.CharField(
        label=_("Waar gaat het over?"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=Municipality.objects.none())
    when = forms.CharField(
        label=_("Wanneer? (bijvoorbeeld de datum van het gesprek)"), max_length=200, required=False
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"), queryset=Theme.objects.filter(active=True), required=False
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if municipalities.count() == 1:
            self.fields["municipality"].initial = municipalities.first()

    def clean(self):
        data = super().clean()
        if not (data.get("member_email") or data.get("member_phone")):
            self.add_error(
                "member_phone",
                _(
                    "Vul een e-mailadres of telefoonnummer in, zodat de vrijwilliger het lid "
                    "kan bereiken."
                ),
            )
        return data


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Wat is er gebeurd?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    consent_signal = forms.BooleanField(
        label=_("Het lid vindt het goed dat dit (zonder naam) een signaal wordt"), required=False
    )


class AdvocateForm(forms.ModelForm):
    """The region is whole provinces (checkboxes) and single municipalities typed by name, one
    a line: no Ctrl-click in a list of 342, and it works without JavaScript."""

    provinces = forms.ModelMultipleChoiceField(
        label=_("Regio: hele provincies"),
        queryset=Province.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality_names = forms.CharField(
        label=_("Regio: losse gemeenten"),
        help_text=_("Eén gemeente per regel (of met komma’s ertussen), bijvoorbeeld Zaanstad."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    laws = forms.MultipleChoiceField(
        label=_("Wetten"), choices=Law.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Advocate
        fields = [
            "name",
            "user",
            "provinces",
            "municipality_names",
            "themes",
            "laws",
            "trainings",
            "availability",
            "active",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "trainings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, **kwargs):
        from samensterk.accounts.models import User
        from samensterk.courses.models import CourseType

        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self._initial_region()
        self.fields["trainings"].queryset = CourseType.objects.filter(organisation=organisation)
        self.fields["user"].queryset = (
            User.objects.filter(Q_members(organisation)).distinct().order_by("full_name")
        )

    def _initial_region(self) -> None:
        """A province all of whose active municipalities are in the region is ticked; the
        other municipalities are listed by name."""
        chosen = set(self.instance.municipalities.values_list("pk", flat=True))
        whole = []
        for province in Province.objects.prefetch_related("municipalities"):
            ids = {m.pk for m in province.municipalities.all() if m.active}
            if ids and ids <= chosen:
                whole.append(province)
                chosen -= ids
        self.initial["provinces"] = whole
        self.initial["municipality_names"] = "\n".join(
            Municipality.objects.filter(pk__in=chosen)
            .order_by("name")
            .values_list("name", flat=True)
        )

    def clean(self):
        data = super().clean()
        names = [
            part.strip()
            for line in (data.get("municipality_names") or "").splitlines()
            for part in line.split(",")
            if part.strip()
        ]
        found, unknown = set(), []
        for name in names:
            municipality = municipality_lookup(name)
            if municipality is None or not municipality.active:
                unknown.append(name)
            else:
                found.add(municipality.pk)
        if unknown:
            self.add_error(
                "municipality_names",
                _("Deze gemeente kennen we niet: %(names)s. Controleer de spelling.")
                % {"names": ", ".join(unknown)},
            )
        provinces = data.get("provinces") or []
        if provinces:
            found |= set(
                Municipality.objects.filter(province__in=provinces, active=True).values_list(
                    "pk", flat=True
                )
            )
        if not found and not unknown:
            self.add_error(
                "municipality_names",
                _("Kies minstens één provincie of schrijf minstens één gemeente op."),
            )
        self.region = found
        return data

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.municipalities.set(self.region)


def Q_members(organisation):  # noqa: N802 - reads as a filter
    from django.db.models import Q

    return Q(group_memberships__group__organisation=organisation) | Q(
        organisation_memberships__organisation=organisation
    )


class DuoForm(forms.Form):
    person_with = forms.CharField(
        label=_("Naam van wie een verstandelijke beperking heeft"), max_length=150
    )
    person_without = forms.CharField(label=_("Naam van de ander"), max_length=150)


class PresentationForm(forms.ModelForm):
    class Meta:
        model = Presentation
        fields = ["title", "audience", "date", "goal", "agreements"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "agreements": forms.Textarea(attrs={"rows": 4}),
        }


class PartForm(forms.ModelForm):
    class Meta:
        model = RunSheetPart
        fields = ["what", "who", "minutes", "new_for_me"]

    def __init__(self, *args, duo, **kwargs):
        super().__init__(*args, **kwargs)
        # The two names, not "de persoon met een beperking / de ander".
        self.fields["who"].choices = duo.who_choices()


def _faces(label) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Score.choices,
        widget=forms.RadioSelect,  # drawn as faces by advocacy/_faces.html
        error_messages={"required": _("Kies een van de drie gezichten.")},
    )


def _text(label) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def evaluation_questions(name: str, other: str) -> list[tuple[str, str, str]]:
    """(face field, text field, question) in easy Dutch with the two names; the same words on
    the form and where the answers are read back."""
    names = {"name": name, "other": other}
    return [
        ("feeling_score", "feeling", _("Hoe ging de presentatie voor %(name)s?") % names),
        ("role_score", "role_clear", _("Was de taak van %(name)s duidelijk?") % names),
        ("contribution_score", "contribution", _("Kon %(name)s genoeg zeggen?") % names),
        ("together_score", "", _("Hoe ging het samenwerken met %(other)s?") % names),
        ("", "went_well", _("Wat ging goed?")),
        ("", "better", _("Wat kan de volgende keer beter?")),
        ("", "pitfalls", _("Waar let %(name)s de volgende keer op?") % names),
    ]


class EvaluationForm(forms.ModelForm):
    """Easy Dutch (B1) with the two people's names: faces to choose, text only if you like."""

    class Meta:
        model = DuoEvaluation
        fields = [
            "feeling_score",
            "feeling",
            "role_score",
            "role_clear",
            "contribution_score",
            "contribution",
            "together_score",
            "went_well",
            "better",
            "pitfalls",
        ]

    def __init__(self, *args, name, other, **kwargs):
        super().__init__(*args, **kwargs)
        for face, text, question in evaluation_questions(name, other):
            if face:
                self.fields[face] = _faces(question)
            if text:
                self.fields[text] = _text(
                    _("Wil je iets uitleggen? (mag leeg)")
                    if face
                    else _("%(question)s (mag leeg)") % {"question": question}
                )
