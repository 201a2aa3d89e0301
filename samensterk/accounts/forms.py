from collections import defaultdict
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samensterk.places.models import Municipality, Province

from .models import GroupRole, PrivacyStatement
from .services import clean_privacy_phone

PASSWORDS_DIFFER = _("De twee wachtwoorden zijn niet hetzelfde.")


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters."
        ),
        "inactive": _("Dit account is uitgeschakeld."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class PasswordResetForm(DjangoPasswordResetForm):
    def save(self, **kwargs):
        # The link in the e-mail starts with SITE_URL, as every other e-mail's does, never with
        # the request's Host header: whoever asks for the reset chooses that one.
        site = urlsplit(settings.SITE_URL)
        kwargs.update(domain_override=site.netloc + site.path, use_https=site.scheme == "https")
        return super().save(**kwargs)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label=_("Rol in de groep"),
        choices=GroupRole.choices,
        initial=GroupRole.VOLUNTEER,
        widget=forms.RadioSelect,
    )


class NewAccountForm(forms.Form):
    full_name = forms.CharField(
        label=_("Je naam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        help_text=_("Minstens 10 tekens. Niet alleen cijfers en geen veelgebruikt wachtwoord."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Typ het wachtwoord nog een keer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError(_("Vul je naam in."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", PASSWORDS_DIFFER)
        return data


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Naam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=GroupRole.choices)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("De zes cijfers uit de app. Geen telefoon bij je? Typ dan een herstelcode."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        error_messages={"required": _("Typ de code uit de app of de e-mail, of een herstelcode.")},
    )

    HELP = {
        "app": _("De zes cijfers uit de app. Geen telefoon bij je? Typ dan een herstelcode."),
        "email": _("De zes cijfers uit de e-mail. Lukt dat niet? Typ dan een herstelcode."),
        "setup": _("Zes cijfers."),
    }

    def __init__(self, *args, purpose: str = "app", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = self.HELP[purpose]


class PrivacyStatementForm(forms.ModelForm):
    """The beheerder's fields of the privacy statement: plain text, no HTML (it is escaped)."""

    more_information_url = forms.URLField(
        label=_("Volledige privacyverklaring"),
        required=False,
        assume_scheme="https",
        help_text=_("Het adres van jullie eigen, volledige privacyverklaring. Mag leeg."),
    )

    class Meta:
        model = PrivacyStatement
        fields = [
            "controller_name",
            "controller_address",
            "contact_name",
            "contact_email",
            "contact_phone",
            "purposes_extra",
            "legal_basis_extra",
            "retention_extra",
            "more_information_url",
        ]
        help_texts = {
            "controller_name": _(
                "De organisatie die verantwoordelijk is voor de gegevens. Leeg: de naam van "
                "de organisatie."
            ),
            "controller_address": _("Postadres, en als je wilt het KvK-nummer."),
            "contact_name": _(
                "Bijvoorbeeld de privacycontactpersoon of de functionaris "
                "gegevensbescherming. Leeg: melders vragen het aan hun groep."
            ),
            "purposes_extra": _(
                "Gebruikt jullie organisatie de gegevens nog ergens anders voor? Schrijf het "
                "hier, in gewone woorden."
            ),
            "legal_basis_extra": _(
                "Bijvoorbeeld: voor leden geldt ook artikel 9 lid 2 onder d AVG. Mag leeg."
            ),
            "retention_extra": _("Wat jullie nog meer bewaren, en hoe lang. Mag leeg."),
        }
        widgets = {
            "controller_address": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "purposes_extra": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "legal_basis_extra": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "retention_extra": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_contact_phone(self):
        try:
            return clean_privacy_phone(self.cleaned_data["contact_phone"])
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["contact_phone"]) from None

    def clean_more_information_url(self):
        url = self.cleaned_data["more_information_url"]
        if url and not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(
                _(
                    "Dit is geen websiteadres. Schrijf het zo: https://www.onzeorganisatie.nl/privacy"
                )
            )
        return url


class RegionForm(forms.Form):
    """A staff member's own region: whole provinces, and single municipalities besides. The
    page shows the municipalities as checkboxes grouped per province (no 342-line select)."""

    provinces = forms.ModelMultipleChoiceField(
        label=_("Hele provincies"),
        queryset=Province.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Losse gemeenten"),
        queryset=Municipality.objects.filter(active=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def by_province(self):
        """(province name, its checkbox, the checkboxes of its municipalities, whether one of
        those is ticked) per province."""
        chosen = {str(value) for value in (self["municipalities"].value() or [])}
        province_of = dict(self.fields["municipalities"].queryset.values_list("pk", "province_id"))
        names = dict(self.fields["provinces"].queryset.values_list("pk", "name"))
        boxes = defaultdict(list)
        for box in self["municipalities"]:
            boxes[province_of[box.data["value"].value]].append(box)
        result = []
        for box in self["provinces"]:
            pk = box.data["value"].value
            ticked = any(str(b.data["value"].value) in chosen for b in boxes[pk])
            result.append((names[pk], box, boxes[pk], ticked))
        return result
