import ipaddress
import re
from urllib.parse import urlsplit

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from samensterk.accounts.models import LocalGroup
from samensterk.lib.dutch import dutch
from samensterk.places.forms import MunicipalityField
from samensterk.places.models import Province
from samensterk.themes.models import Theme

from .models import Channel, Meeting, ReporterRole, Status
from .validation import STORY_EMPTY, STORY_MAX, STORY_TOO_LONG, clean_contact, story_length

FORM_TOKEN_SALT = "samensterk.meldknop"
FORM_TOKEN_MAX_AGE = 60 * 60 * 24  # a day to write a story
FORM_EXPIRED = _(
    "Het formulier stond te lang open. Je tekst staat er nog. Druk nog een keer op Versturen."
)

# The reporter's own words for who is telling (B1).
PUBLIC_ROLE_CHOICES = [
    (ReporterRole.SELF, _("Het gaat over mij")),
    (ReporterRole.FAMILY, _("Ik ben familie, bijvoorbeeld ouder, broer of zus")),
    (ReporterRole.REPRESENTATIVE, _("Ik beslis mee voor iemand, bijvoorbeeld over geld of zorg")),
    (ReporterRole.PROFESSIONAL, _("Ik werk in de zorg of bij de gemeente")),
    (ReporterRole.VOLUNTEER, _("Ik ben vrijwilliger")),
]

# Required and optional questions are marked in words, the same way on the whole form.
MARK_REQUIRED = _("(moet)")
MARK_OPTIONAL = _("(mag leeg)")
MARK_ONE_OF_TWO = _("(één van de twee)")

STORY_COUNT_FROM = 9_000  # the counter under the story appears from here (JavaScript)
PHONE_MAX = 50
PHONE_TOO_LONG = _("Dit is te lang voor een telefoonnummer. Schrijf hoogstens 50 tekens.")


class ContactFieldsMixin(forms.Form):
    contact_name = forms.CharField(
        label=_("Je naam"),
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
        max_length=PHONE_MAX,
        required=False,
        error_messages={"max_length": PHONE_TOO_LONG},
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


CONSENT_MISSING = _("Kies ja of nee.")
CONSENT_FIELDS = ("consent_anonymous_use", "consent_share_national", "consent_contact")
# What each answer means, in plain words, under the answer. The questions themselves are the
# organisation's versioned ConsentText.
CONSENT_MEANING = {
    "consent_anonymous_use": (
        _(
            "De groep mag stukjes uit je verhaal laten zien, bijvoorbeeld in een verslag voor "
            "de gemeente. Je naam en adres staan er nooit bij."
        ),
        _("We tellen je verhaal wel mee. Maar je woorden laten we aan niemand anders zien."),
    ),
    "consent_share_national": (
        _(
            "Het landelijke kantoor krijgt je verhaal ook. Zo kunnen zij helpen als meer mensen "
            "hetzelfde meemaken."
        ),
        _("Je verhaal blijft bij de groep."),
    ),
    "consent_contact": (
        _(
            "Vul hieronder je e-mailadres of telefoonnummer in. We bellen of mailen alleen "
            "over je verhaal."
        ),
        _("We nemen geen contact met je op. Met je code kun je zelf kijken hoe het gaat."),
    ),
}


def _yes_or_no() -> forms.TypedChoiceField:
    """A consent question that must be answered: silence is no longer a "no"."""
    return forms.TypedChoiceField(
        choices=[(CONTACT_YES, _("Ja")), (CONTACT_NO, _("Nee"))],
        coerce=lambda value: value == CONTACT_YES,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"required": CONSENT_MISSING, "invalid_choice": CONSENT_MISSING},
    )


class MeldForm(ContactQuestionMixin, ContactFieldsMixin):
    """The public report form (meldknop), in easy Dutch."""

    # The order of the questions on the page: the error summary lists problems in this order.
    PAGE_ORDER = (
        "story",
        "municipality",
        "reporter_role",
        *CONSENT_FIELDS,
        "contact_name",
        "contact_email",
        "contact_phone",
        "contact_choice",
    )

    story = forms.CharField(
        label=_("Wat is er gebeurd?"),
        help_text=_("Vertel het in je eigen woorden. Zo kort of lang als je wilt."),
        # No maxlength: a browser would cut the text silently. clean_story says how long it is.
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                "data-count-max": STORY_MAX,
                "data-count-from": STORY_COUNT_FROM,
            }
        ),
        error_messages={"required": STORY_EMPTY},
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
    consent_anonymous_use = _yes_or_no()
    consent_share_national = _yes_or_no()
    consent_contact = _yes_or_no()
    # Only asked next to an e-mail address; without one it is ignored (services._prepare).
    contact_status_mail = forms.BooleanField(
        required=False,
        label=_("Ja, stuur me een e-mail als er nieuws is over mijn verhaal."),
    )
    # Honeypot: people never see or fill it; robots do (and now and then a browser's autofill:
    # so a filled one flags the story for triage instead of dropping it).
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
            for name in CONSENT_FIELDS:
                question = getattr(consent_text, name.removeprefix("consent_"))
                self.fields[name].label = dutch(question)
        for name, (yes, no) in CONSENT_MEANING.items():
            self.fields[name].meaning = {CONTACT_YES: yes, CONTACT_NO: no}
        for field in self.fields.values():
            field.mark = MARK_REQUIRED if field.required else MARK_OPTIONAL
        self.fields["contact_email"].mark = MARK_ONE_OF_TWO
        self.fields["contact_phone"].mark = MARK_ONE_OF_TWO

    def clean_story(self):
        """The length as the service counts it (line breaks as one), with the count."""
        story = self.cleaned_data["story"].replace("\r\n", "\n")
        if len(story.strip()) > STORY_MAX:
            raise forms.ValidationError(
                STORY_TOO_LONG, params={"count": story_length(story.strip())}
            )
        return story

    def clean(self):
        # Contact not answered yet: that question comes first, not the one about typed details.
        unanswered = "consent_contact" in self.errors
        cleaned = forms.Form.clean(self) if unanswered else super().clean()
        if cleaned.get("consent_contact") and not self.contact_question:
            self._check_contact(cleaned)
        return cleaned

    def _check_contact(self, cleaned):
        """The service's own rules (one rule for every way in), now: every problem at once."""
        try:
            clean_contact(
                consent_contact=True,
                name=cleaned.get("contact_name", ""),
                email=cleaned.get("contact_email", ""),
                phone=cleaned.get("contact_phone", ""),
            )
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:
                    for message in messages:
                        self.add_error(field, message)

    @property
    def consent_fields(self) -> list:
        return [self[name] for name in CONSENT_FIELDS]

    def error_links(self) -> list[tuple[str, str]]:
        """(the id to jump to, the message) for every problem, in the order of the page."""
        links = []
        for name in self.PAGE_ORDER:
            for message in self.errors.get(name, []):
                bound = self[name]
                target = bound.auto_id
                if isinstance(bound.field.widget, forms.RadioSelect):
                    target = f"{target}_0"  # the first answer: where the question starts
                if name in CONSENT_FIELDS:  # three times "Kies ja of nee": say which question
                    message = format_html("{} {}", bound.label, _("Kies ja of nee bij deze vraag."))
                links.append((target, message))
        return links

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
    spam = forms.ChoiceField(
        label=_("Mogelijk spam"),
        required=False,
        choices=[
            ("", _("Maakt niet uit")),
            ("ja", _("Alleen mogelijk spam")),
            ("nee", _("Geen spam")),
        ],
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
    # The story's version when the form was shown (models.story_version): no double addition.
    seen = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, haal mijn verhaal en mijn gegevens weg"),
        error_messages={"required": _("Zet een vinkje als je het zeker weet.")},
    )


_HOST = re.compile(
    r"^(localhost|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+)$"
)
NOT_A_WEBSITE = _("“%(line)s” is geen websiteadres. Schrijf het zo: https://www.onzegroep.nl")


def website_origin(line: str) -> str | None:
    """The origin (scheme, host, port) of a website address as people copy it: a page
    address, with or without https:// or a slash at the end. None for anything else."""
    if any(char.isspace() for char in line) or "*" in line:
        return None
    if "://" not in line:
        line = f"https://{line}"  # "www.onzegroep.nl": a site is https nowadays
    try:
        parts = urlsplit(line)
        port = parts.port
    except ValueError:  # a port that is no number, a broken IPv6 address
        return None
    host = (parts.hostname or "").rstrip(".")
    if (
        parts.scheme not in {"http", "https"}
        or parts.username is not None
        or not (_HOST.match(host) or _is_ip(host))
    ):
        return None
    default = {"http": 80, "https": 443}[parts.scheme]
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class EmbedSettingsForm(forms.Form):
    """The websites that may frame the form. A page address is reduced to its website (that
    is what the browser checks), and `reduced` says which lines were, to tell the person."""

    embed_origins = forms.CharField(
        label=_("Websites die de meldknop mogen tonen"),
        help_text=_("Eén adres per regel, bijvoorbeeld https://www.onzegroep.nl"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_embed_origins(self):
        self.reduced = []
        origins = []
        for line in filter(
            None, (x.strip() for x in self.cleaned_data["embed_origins"].splitlines())
        ):
            origin = website_origin(line)
            if origin is None:
                raise forms.ValidationError(NOT_A_WEBSITE, params={"line": line})
            if origin != line.rstrip("/").lower():
                self.reduced.append((line, origin))
            if origin not in origins:
                origins.append(origin)
        return "\n".join(origins)


class GroupContactForm(forms.ModelForm):
    """How reporters reach the group and what the group promises: public information."""

    class Meta:
        model = LocalGroup
        fields = ["email", "phone", "postal_address", "response_weeks"]
        labels = {
            "email": _("E-mailadres van de groep"),
            "phone": _("Telefoonnummer van de groep"),
            "postal_address": _("Postadres voor het papieren formulier"),
            "response_weeks": _("Binnen hoeveel weken kijkt iemand naar een nieuw verhaal?"),
        }
        help_texts = {
            "email": _("Melders zien dit na het versturen. Gebruik een adres van de groep."),
            "postal_address": _("Naam, straat en huisnummer, postcode en plaats."),
            "response_weeks": _("Dit beloven we de melder. Kies iets wat jullie kunnen halen."),
        }
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "postal_address": forms.Textarea(attrs={"rows": 3}),
            "response_weeks": forms.NumberInput(attrs={"min": 1, "max": 12}),
        }
        error_messages = {
            "response_weeks": {
                "min_value": _("Kies 1 week of meer."),
                "max_value": _("Kies hoogstens 12 weken."),
                "invalid": _("Vul een aantal weken in, bijvoorbeeld 2."),
                "required": _("Vul een aantal weken in, bijvoorbeeld 2."),
            },
            "email": {"invalid": _("Dit is geen goed e-mailadres.")},
        }

    def clean_phone(self):
        from .services import clean_phone

        try:
            return clean_phone(self.cleaned_data["phone"])
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["contact_phone"]) from None

    def clean_postal_address(self):
        lines = [line.strip() for line in self.cleaned_data["postal_address"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > 4:  # the paper form has room for four lines, on one sheet
            raise forms.ValidationError(_("Schrijf het adres op hoogstens 4 regels."))
        return "\n".join(lines)
