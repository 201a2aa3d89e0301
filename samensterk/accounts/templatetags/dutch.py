"""{% load dutch %}: stored Dutch text (consent wording, privacy statement fields) marked
lang="nl" on a page in another language; see samensterk.lib.dutch."""

from django import template

from samensterk.lib.dutch import dutch as dutch_line
from samensterk.lib.dutch import dutch_paragraphs

register = template.Library()


@register.filter
def dutch(value):
    return dutch_line(value)


@register.filter
def dutch_text(value):
    return dutch_paragraphs(value)
