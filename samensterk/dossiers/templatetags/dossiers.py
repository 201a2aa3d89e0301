"""Dossiers on the pages of the apps below them (a signal, a network entry), without those apps
knowing about dossiers."""

from django import template

from samensterk.accounts.permissions import scope_for
from samensterk.dossiers import selectors

register = template.Library()


@register.inclusion_tag("dossiers/_signal_dossiers.html", takes_context=True)
def signal_dossiers(context, signal):
    """On a signal's page: the dossiers it is in, and open ones it could join."""
    scope = scope_for(context["request"].user)
    return {
        "signal": signal,
        "csrf_token": context.get("csrf_token"),
        **selectors.for_signal(scope, signal),
    }


@register.inclusion_tag("dossiers/_entry_dossiers.html", takes_context=True)
def entry_dossiers(context, entry):
    """On the page of an organisation or person in the network: the dossiers it plays a part in."""
    return {"dossiers": selectors.dossiers_of_entry(context["request"].user, entry)}
