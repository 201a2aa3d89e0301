from django import template

from samensterk.places.selectors import municipality_datalist

register = template.Library()


@register.simple_tag
def municipality_datalist_html():
    """The <datalist> of every municipality name, for the typeahead of municipality fields."""
    return municipality_datalist()
