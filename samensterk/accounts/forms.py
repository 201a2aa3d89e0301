from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.translation import gettext_lazy as _

from .models import GroupRole

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
