from django import template

from samensterk.coalitions import selectors

register = template.Library()


@register.inclusion_tag("coalitions/_sharing.html", takes_context=True)
def coalition_sharing(context, item, key):
    """On the page of an organisation, person or dossier: with which coalitions it is shared,
    and a form to share it with another (only the user's own coalitions)."""
    user = context["request"].user
    return {
        "item": item,
        "key": key,
        "shares": selectors.shares_of(user, item),
        "choices": selectors.coalitions_to_share_with(user, item),
        "csrf_token": context.get("csrf_token"),
    }
