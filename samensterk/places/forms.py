from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Municipality
from .selectors import municipality_lookup

MUNICIPALITY_UNKNOWN = _(
    "We kennen deze gemeente niet. Kies een naam uit de lijst, of laat het vakje leeg."
)


class MunicipalityField(forms.CharField):
    """A municipality typed by name, alias or CBS code (forgiving case and accents).

    Renders as a text box with a <datalist> of all municipalities: typeahead without JavaScript.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
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
        municipality = municipality_lookup(value)
        if municipality is None:
            raise forms.ValidationError(MUNICIPALITY_UNKNOWN)
        return municipality
