from django import template

from samensterk.knowledge.selectors import helpful_for
from samensterk.themes.models import Theme

register = template.Library()


@register.inclusion_tag("knowledge/_helpful.html", takes_context=True)
def what_helps(context, themes):
    """'Wat helpt hierbij?': knowledge items with the same themes (one theme or several), next
    to a signal or dossier."""
    if isinstance(themes, Theme):
        themes = [themes]
    return {"items": helpful_for(context["request"].user, themes)}
