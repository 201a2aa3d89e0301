from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samensterk.accounts"
    label = "accounts"
    verbose_name = _("Accounts en groepen")

    def ready(self):
        from .models import LocalGroup, Organisation
        from .selectors import GROUPS_BY_SLUG

        GROUPS_BY_SLUG.forget_when_changed(LocalGroup, Organisation)
