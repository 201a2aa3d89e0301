from django import forms
from django.utils.translation import gettext_lazy as _

from samensterk.accounts.models import LocalGroup

from .models import CoursePage, CourseType, Session, Trainer


class RegistrationForm(forms.Form):
    """The public form: easy Dutch, no account needed."""

    name = forms.CharField(label=_("Je naam"), max_length=150)
    email = forms.EmailField(
        label=_("Je e-mailadres"), help_text=_("Hierheen sturen we de bevestiging.")
    )
    phone = forms.CharField(label=_("Je telefoonnummer (mag leeg)"), max_length=30, required=False)
    group = forms.ModelChoiceField(
        label=_("Bij welke ledengroep hoor je? (mag leeg)"),
        queryset=LocalGroup.objects.none(),
        required=False,
        empty_label=_("Geen of weet ik niet"),
    )
    needs = forms.CharField(
        label=_("Heb je iets nodig om mee te kunnen doen? (mag leeg)"),
        max_length=500,
        required=False,
        help_text=_(
            "Bijvoorbeeld: een rolstoelplek, iemand die meekomt, uitleg in makkelijke taal."
        ),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = LocalGroup.objects.filter(
            organisation=organisation
        ).order_by("name")


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SessionForm(forms.ModelForm):
    online_url = forms.URLField(
        label=_("Link voor online (mag leeg)"), required=False, assume_scheme="https"
    )
    trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers"),
        queryset=Trainer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Session
        fields = ["course_type", "starts_at", "ends_at", "place", "online_url", "capacity"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}
        labels = {"course_type": _("Cursus")}

    def __init__(self, *args, course_types, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course_type"].queryset = course_types
        self.fields["trainers"].queryset = trainers.filter(active=True)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]
        if self.instance.pk:
            self.fields["trainers"].initial = list(self.instance.trainers.all())

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        return data


class FollowUpForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Begint"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Eindigt"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"]
    )
    place = forms.CharField(label=_("Plaats (leeg: dezelfde)"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        return data


class TrainerForm(forms.ModelForm):
    class Meta:
        model = Trainer
        fields = ["name", "email", "qualified_for", "availability", "active"]
        widgets = {"qualified_for": forms.CheckboxSelectMultiple}

    def __init__(self, *args, course_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualified_for"].queryset = course_types


class PageForm(forms.ModelForm):
    class Meta:
        model = CoursePage
        fields = ["title", "body", "position"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}


class CourseTypeForm(forms.ModelForm):
    class Meta:
        model = CourseType
        fields = [
            "name",
            "description",
            "audience",
            "duration",
            "materials",
            "is_train_the_trainer",
            "qualifies_for",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "materials": forms.Textarea(attrs={"rows": 3}),
            "qualifies_for": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = CourseType.objects.filter(organisation=self.instance.organisation_id)
        self.fields["qualifies_for"].queryset = others.exclude(pk=self.instance.pk)
        self.fields["qualifies_for"].required = False
