from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Municipality
from .selectors import municipality_lookup, municipality_resolve

MUNICIPALITY_UNKNOWN = _(
    "We kennen deze gemeente niet. Kies een naam uit de lijst, of laat het vakje leeg."
)
MUNICIPALITY_DID_YOU_MEAN = _("We kennen „%(value)s” niet als gemeente. Bedoel je %(names)s?")


class MunicipalityField(forms.CharField):
    """A municipality typed by name, alias, CBS code, woonplaats or district (forgiving case,
    accents and small typos). Renders as a text box with a <datalist> of all municipalities:
    typeahead without JavaScript.

    Strict (staff forms): a name it can't place is an error that offers the closest names
    (`suggestions` on the field afterwards). Lenient (the public form, where the question is
    optional): such a name gives None and never stops the story from being sent; the form keeps
    what was typed and the closest name as a guess for triage (`typed`, `suggestions`).
    """

    def __init__(self, *, lenient=False, **kwargs):
        kwargs.setdefault("required", False)
        self.lenient = lenient
        self.typed = ""
        self.suggestions = []
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"list": "gemeenten-lijst", "autocomplete": "off", "maxlength": "100"}
        )

    def prepare_value(self, value):
        if isinstance(value, Municipality):
            return value.name
        return value

    def to_python(self, value):
        value = super().to_python(value)[:100]
        if not value:
            return None
        match = municipality_resolve(value)
        self.typed, self.suggestions = value, match.suggestions
        if match.municipality is not None or self.lenient:
            return match.municipality
        if match.suggestions:
            raise forms.ValidationError(
                MUNICIPALITY_DID_YOU_MEAN,
                code="did_you_mean",
                params={
                    "value": value,
                    "names": _(" of ").join(m.name for m in match.suggestions),
                },
            )
        raise forms.ValidationError(MUNICIPALITY_UNKNOWN, code="unknown")


class MunicipalitiesField(forms.CharField):
    """Several municipalities typed by name, separated by commas (a region)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 3000)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            return ", ".join(m.name if isinstance(m, Municipality) else str(m) for m in items)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        found, unknown = [], []
        for name in [part.strip() for part in value.split(",") if part.strip()][:400]:
            municipality = municipality_lookup(name)
            if municipality is None:
                unknown.append(name[:100])
            elif municipality not in found:
                found.append(municipality)
        if unknown:
            raise forms.ValidationError(
                _("We kennen deze gemeenten niet: %(names)s. Controleer de spelling."),
                params={"names": ", ".join(unknown)},
            )
        return found
