from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "samensterk.intake"
    label = "intake"
    verbose_name = _("Signalen")

    def ready(self):
        from samensterk.privacy.retention import register

        from .retention import erase_closed_signal_contacts

        register(erase_closed_signal_contacts)
