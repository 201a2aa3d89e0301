"""The forms of a data-subject request: who is searched, the export's format, what to erase
and why. The searched person travels in a hidden field of each form (POST, never in the
address: it would end up in server logs and the browser's history)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .subjects import QUERY_EMPTY, QUERY_MAX, parse_query

REASON_MAX = 200


class SubjectQueryForm(forms.Form):
    q = forms.CharField(
        label=_("E-mailadres, telefoonnummer of naam"),
        help_text=_(
            "Zoek op één tegelijk. Een telefoonnummer mag met spaties, streepjes of +31. "
            "Een naam vindt ook verhalen en teksten waarin die naam staat."
        ),
        max_length=QUERY_MAX * 2,  # parse_query gives the Dutch message for too long
        error_messages={"required": QUERY_EMPTY},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_q(self):
        value = self.cleaned_data["q"]
        try:
            self.cleaned_data["query"] = parse_query(value)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return value


class SubjectExportForm(SubjectQueryForm):
    file_format = forms.ChoiceField(choices=[("json", "JSON"), ("pdf", "PDF")])


class KeysField(forms.Field):
    """The findings chosen ("kind:pk"). Any text: what a key names is checked against the
    search itself (services.subject_erase), so a made-up key erases nothing."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [str(key)[:60] for key in (value or [])][:5000]


class SubjectEraseForm(SubjectQueryForm):
    """`keys`: the findings to erase; `everything`: all that the search finds."""

    keys = KeysField(required=False)
    everything = forms.BooleanField(required=False)
    reason = forms.CharField(
        label=_("Waarom wis je dit?"),
        help_text=_(
            "Bijvoorbeeld: ‘verzoek van de betrokkene per e-mail van 3 maart’. Dit komt in het "
            "auditlog. Zet er geen e-mailadres of telefoonnummer in."
        ),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(required=False)
