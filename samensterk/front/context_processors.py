from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samensterk.accounts import two_factor
from samensterk.accounts.permissions import scope_for


def navigation(request):
    """The main menu: each role sees what it can do, nothing else."""
    user = getattr(request, "user", None)
    scope = scope_for(user)
    items = []
    # Before the second step the menu would only lead back to it.
    if scope.has_membership and (user is None or two_factor.next_step(user) is None):
        # (url name, label, the view names that belong to this menu item)
        items = [
            ("front:dashboard", _("Overzicht"), ("front:dashboard",)),
            (
                "intake:signal_list",
                _("Signalen"),
                ("intake:signal", "intake:staff_", "intake:meeting"),
            ),
            ("dossiers:dossier_list", _("Dossiers"), ("dossiers:",)),
            ("reports:report_list", _("Rapporten"), ("reports:report",)),
            ("network:register", _("Netwerk"), ("network:", "coalitions:")),
            (
                "accounts:group_list",
                _("Groepen"),
                ("accounts:group_", "accounts:member_", "accounts:invitation_"),
            ),
            ("front:municipality_list", _("Gemeenten"), ("front:municipality_",)),
            ("front:theme_list", _("Thema's"), ("front:theme_",)),
            ("knowledge:list", _("Kennisbank"), ("knowledge:",)),
            ("advocacy:request_list", _("Hulpvragen"), ("advocacy:request", "advocacy:pool")),
            (
                "advocacy:duo_list",
                _("Duo's"),
                ("advocacy:duo", "advocacy:presentation", "advocacy:part", "advocacy:evaluation"),
            ),
        ]
        if scope.is_superuser or scope.staff_organisation_ids:
            items.insert(
                5,
                (
                    "surveys:questionnaire_list",
                    _("Vragenlijsten"),
                    ("surveys:questionnaire", "surveys:round", "surveys:question", "surveys:panel"),
                ),
            )
            items.insert(6, ("courses:overview", _("Cursussen"), ("courses:",)))
            # Data-subject requests (inzage, wissen): the organisation's staff handle them.
            items.insert(7, ("privacy:subject_start", _("Privacyverzoeken"), ("privacy:",)))
        elif scope.coordinated_group_ids:
            # Coordinators follow their members' courses (read-only).
            items.append(("courses:member_groups", _("Cursussen"), ("courses:member",)))
    elif scope.is_guest and (user is None or two_factor.next_step(user) is None):
        # A coalition partner's guest: the coalitions are all there is for them.
        items = [("coalitions:list", _("Coalities"), ("coalitions:",))]
    current = getattr(getattr(request, "resolver_match", None), "view_name", "") or ""
    nav_items = [
        {"url": reverse(name), "label": label, "current": current.startswith(sections)}
        for name, label, sections in items
    ]
    return {
        "nav_items": nav_items,
        "scope": scope,
        "can_use_admin": scope.can_use_admin(),
    }
