from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from samensterk.lib.dutch import dutch
from samensterk.places.forms import MunicipalityField
from samensterk.places.models import Province
from samensterk.themes.models import Theme

from .models import Channel, Meeting, ReporterRole, Status

FORM_TOKEN_SALT = "samensterk.meldknop"
FORM_TOKEN_MAX_AGE = 60 * 60 * 24  # a day to write a story
FORM_EXPIRED = _(
    "Het formulier stond te lang open. Je tekst staat er nog. Druk nog een keer op Versturen."
)

# The reporter's own words for who is telling (B1).
PUBLIC_ROLE_CHOICES = [
    (ReporterRole.SELF, _("Het gaat over mij")),
    (ReporterRole.FAMILY, _("Ik ben familie, bijvoorbeeld ouder, broer of zus")),
    (ReporterRole.REPRESENTATIVE, _("Ik ben mentor, bewindvoerder of vertegenwoordiger")),
    (ReporterRole.PROFESSIONAL, _("Ik werk in de zorg of bij de gemeente")),
    (ReporterRole.VOLUNTEER, _("Ik ben vrijwilliger")),
]


class ContactFieldsMixin(forms.Form):
    contact_name = forms.CharField(
        label=_("Je naam (mag je leeg laten)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.CharField(
        label=_("E-mailadres"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


CONTACT_YES, CONTACT_NO = "ja", "nee"
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
CONTACT_QUESTION_PUBLIC = _("Kies ja of nee. Dan bewaren we je verhaal.")
CONTACT_QUESTION_STAFF = _(
    "Er zijn contactgegevens ingevuld zonder toestemming voor contact. Kies ja of nee; "
    "er is nog niets opgeslagen."
)


class ContactQuestionMixin(forms.Form):
    """Contact details typed while the contact box stays unticked are never dropped silently
    (without JavaScript the fields are always there): the form comes back with a yes/no
    question and nothing is stored until it is answered. "ja" stores them with consent, "nee"
    stores the signal without them, and says so.

    After is_valid(): `contact_question` (the question is on the page) and `contact_dropped`
    (the answer was "nee": typed details left out).
    """

    contact_choice = forms.ChoiceField(
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies ja of nee.")},
    )
    contact_question_missing = CONTACT_QUESTION_PUBLIC
    contact_question = False
    contact_dropped = False

    def clean(self):
        cleaned = super().clean()
        typed = any((cleaned.get(name) or "").strip() for name in CONTACT_FIELDS)
        answer = cleaned.get("contact_choice")
        if not typed or (cleaned.get("consent_contact") and not answer):
            return cleaned
        # The answer to the direct question decides, also over the box: it came last.
        self.contact_question = True
        if answer == CONTACT_YES:
            cleaned["consent_contact"] = True
        elif answer == CONTACT_NO:
            cleaned["consent_contact"] = False
            cleaned.update(dict.fromkeys(CONTACT_FIELDS, ""))
            self.contact_dropped = True
        elif "contact_choice" not in self.errors:
            self.add_error("contact_choice", self.contact_question_missing)
        return cleaned

    @property
    def only_the_contact_question(self) -> bool:
        """Nothing wrong but the unanswered question: the summary asks it instead of an alarm."""
        return list(self.errors) == ["contact_choice"]


class MeldForm(ContactQuestionMixin, ContactFieldsMixin):
    """The public report form (meldknop), in easy Dutch."""

    story = forms.CharField(
        label=_("Wat is er gebeurd?"),
        help_text=_("Vertel het in je eigen woorden. Zo kort of lang als je wilt."),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 10_000}),
        error_messages={
            "required": _("Vertel wat er is gebeurd. Schrijf het in je eigen woorden."),
            "max_length": _("Je verhaal is te lang. Het mag hoogstens 10.000 tekens zijn."),
        },
    )
    municipality = MunicipalityField(
        label=_("In welke gemeente was het?"),
        help_text=_("Weet je het niet? Laat het leeg."),
        lenient=True,
    )
    reporter_role = forms.ChoiceField(
        label=_("Wie vertelt dit?"),
        choices=PUBLIC_ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie dit vertelt.")},
    )
    consent_anonymous_use = forms.BooleanField(required=False)
    consent_share_national = forms.BooleanField(required=False)
    consent_contact = forms.BooleanField(required=False)
    # Honeypot: people never see or fill it; robots do.
    website = forms.CharField(required=False, label=_("Laat dit vakje leeg"))
    form_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, consent_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_choice"].label = _("Mogen we je bellen of mailen?")
        self.fields["contact_choice"].choices = [
            (CONTACT_YES, _("Ja, jullie mogen me bellen of mailen. Bewaar mijn gegevens.")),
            (
                CONTACT_NO,
                _(
                    "Nee. Bewaar alleen mijn verhaal, zonder mijn naam, e-mailadres en "
                    "telefoonnummer."
                ),
            ),
        ]
        if consent_text is not None:
            # Stored Dutch: marked lang="nl" on an English page (samensterk.lib.dutch).
            self.fields["consent_anonymous_use"].label = dutch(consent_text.anonymous_use)
            self.fields["consent_share_national"].label = dutch(consent_text.share_national)
            self.fields["consent_contact"].label = dutch(consent_text.contact)

    @staticmethod
    def make_token(submission_id, group_id, consent_id) -> str:
        """Signed: the submission id, the group and the consent wording shown to the reporter."""
        return signing.dumps(
            {"s": str(submission_id), "g": group_id, "c": consent_id}, salt=FORM_TOKEN_SALT
        )

    def token_data(self, group_id) -> dict | None:
        """The signed token's contents, or None if it is forged, stale or for another group."""
        try:
            data = signing.loads(
                self.cleaned_data.get("form_token", ""),
                salt=FORM_TOKEN_SALT,
                max_age=FORM_TOKEN_MAX_AGE,
            )
        except signing.BadSignature:
            return None
        return data if data.get("g") == group_id else None


class StaffIntakeForm(ContactQuestionMixin, ContactFieldsMixin):
    """Staff register a phone call, e-mail, paper form or meeting signal: keyboard first."""

    owner = forms.ChoiceField(label=_("Voor"))
    channel = forms.ChoiceField(label=_("Kanaal"), choices=Channel.choices)
    reporter_role = forms.ChoiceField(
        label=_("Wie belt of schrijft (Alt+W)"),
        choices=ReporterRole.choices,
        initial=ReporterRole.UNKNOWN,
        widget=forms.Select(attrs={"aria-keyshortcuts": "Alt+W"}),
    )
    story = forms.CharField(
        label=_("Verhaal"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 10_000}),
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("— nog niet —"),
    )
    municipality = MunicipalityField(label=_("Gemeente"))
    received_on = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    follow_up_needed = forms.BooleanField(label=_("Terugbellen of opvolgen nodig"), required=False)
    consent_anonymous_use = forms.BooleanField(
        label=_("Mag anoniem gebruikt worden"), required=False
    )
    consent_share_national = forms.BooleanField(
        label=_("Mag naar het landelijk bureau"), required=False
    )
    consent_contact = forms.BooleanField(label=_("Mag contact opnemen"), required=False)
    consent_share_group = forms.BooleanField(
        label=_("Mag naar de lokale groep (vraag dit bij een melding aan het landelijk bureau)"),
        required=False,
    )

    contact_question_missing = CONTACT_QUESTION_STAFF

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners
        self.fields["theme"].queryset = Theme.objects.active()
        # Staff type someone else's details (the public form says "Je naam").
        self.fields["contact_name"].label = _("Naam van de melder")
        self.fields["contact_choice"].label = _("Mag de melder gebeld of gemaild worden?")
        self.fields["contact_choice"].choices = [
            (CONTACT_YES, _("Ja: contactgegevens bewaren, met toestemming")),
            (CONTACT_NO, _("Nee: signaal opslaan zonder de contactgegevens")),
        ]


class MeetingForm(forms.ModelForm):
    municipality = MunicipalityField(label=_("Gemeente"))
    owner = forms.ChoiceField(label=_("Voor"))

    class Meta:
        model = Meeting
        fields = ["owner", "date", "kind", "place", "municipality", "organised_with"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners


class SignalFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Thema"), required=False)
    municipality = MunicipalityField(label=_("Gemeente"))
    province = forms.ChoiceField(label=_("Provincie"), required=False)
    channel = forms.ChoiceField(
        label=_("Kanaal"), required=False, choices=[("", _("Alle"))] + list(Channel.choices)
    )
    reporter_role = forms.ChoiceField(
        label=_("Wie vertelt"),
        required=False,
        choices=[("", _("Iedereen"))] + list(ReporterRole.choices),
    )
    received_from = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    received_until = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    assigned = forms.ChoiceField(
        label=_("Toegewezen"),
        required=False,
        choices=[("", _("Maakt niet uit")), ("mij", _("Aan mij")), ("niemand", _("Aan niemand"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("Alle")),
            ("open", _("Open (nieuw en in behandeling)")),
            # What the dashboards count: their links to the signals behind a figure use it.
            ("geteld", _("Alle behalve ingetrokken")),
        ] + list(Status.choices)
        self.fields["province"].choices = [("", _("Alle"))] + list(
            Province.objects.order_by("name").values_list("slug", "name")
        )
        self.fields["theme"].choices = [("", _("Alle")), ("geen", _("Nog zonder thema"))] + list(
            Theme.objects.order_by("position").values_list("code", "name")
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=Status.choices)
    reason = forms.CharField(
        label=_("Reden (verplicht bij ‘geen actie’)"), required=False, max_length=500
    )


class ThemeForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Thema"), queryset=Theme.objects.none(), required=False, empty_label=_("— geen —")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.active()


class MunicipalityForm(forms.Form):
    municipality = MunicipalityField(label=_("Gemeente"))


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Toewijzen aan"), required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("— niemand —"))] + list(people)


class RetainContactForm(forms.Form):
    """Keep the contact details longer (services.signal_contact_retain checks the date)."""

    retain_until = forms.DateField(
        label=_("Bewaren tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Kies tot wanneer de contactgegevens bewaard moeten blijven."),
            "invalid": _("Dit is geen datum. Gebruik bijvoorbeeld 14-03-2027."),
        },
    )
    reason = forms.CharField(
        label=_("Reden"),
        help_text=_("Bijvoorbeeld: de melder wil op de hoogte blijven van de rechtszaak."),
        max_length=200,
        error_messages={
            "required": _("Schrijf op waarom de contactgegevens langer bewaard moeten worden."),
            "max_length": _("Houd de reden kort: hoogstens 200 tekens."),
        },
    )


class BulkForm(forms.Form):
    signals = forms.CharField(widget=forms.MultipleHiddenInput, required=False)
    action = forms.ChoiceField(
        choices=[("status", _("Status veranderen")), ("assign", _("Toewijzen"))]
    )


class TrackingCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Je volgcode"),
        help_text=_(
            "Die staat op het scherm na het versturen, en in de e-mail. Bijvoorbeeld: K7QM-3XPA"
        ),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("Vul je volgcode in.")},
    )


class AddInfoForm(forms.Form):
    text = forms.CharField(
        label=_("Wat wil je nog vertellen?"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf wat je nog wilt vertellen.")},
    )


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, haal mijn verhaal en mijn gegevens weg"),
        error_messages={"required": _("Zet een vinkje als je het zeker weet.")},
    )


class EmbedSettingsForm(forms.Form):
    embed_origins = forms.CharField(
        label=_("Websites die de meldknop mogen tonen"),
        help_text=_("Eén adres per regel, bijvoorbeeld https://www.onzegroep.nl"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_embed_origins(self):
        from urllib.parse import urlsplit

        lines = [
            line.strip().rstrip("/") for line in self.cleaned_data["embed_origins"].splitlines()
        ]
        origins = []
        for line in filter(None, lines):
            parts = urlsplit(line)
            if (
                parts.scheme not in {"http", "https"}
                or not parts.netloc
                or parts.path
                or " " in line
            ):
                raise forms.ValidationError(
                    _("“%(line)s” is geen websiteadres. Schrijf het zo: https://www.onzegroep.nl"),
                    params={"line": line},
                )
            origins.append(f"{parts.scheme}://{parts.netloc.lower()}")
        return "\n".join(origins)
