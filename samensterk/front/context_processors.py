from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samensterk.accounts.permissions import scope_for


def navigation(request):
    """The main menu: each role sees what it can do, nothing else."""
    user = getattr(request, "user", None)
    scope = scope_for(user)
    items = []
    if scope.has_membership:
        items = [
            ("front:dashboard", _("Overzicht")),
            ("accounts:group_list", _("Groepen")),
            ("front:municipality_list", _("Gemeenten")),
            ("front:theme_list", _("Thema's")),
        ]
    current = getattr(getattr(request, "resolver_match", None), "view_name", "") or ""
    nav_items = [
        {
            "url": reverse(name),
            "label": label,
            "current": current == name or current.startswith(name.rsplit("_", 1)[0] + "_"),
        }
        for name, label in items
    ]
    return {
        "nav_items": nav_items,
        "scope": scope,
        "can_use_admin": scope.can_use_admin(),
    }
