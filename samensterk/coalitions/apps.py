from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "samensterk.coalitions"
    label = "coalitions"
    verbose_name = _("Coalities")

    def ready(self):
        from samensterk.privacy import subjects

        from .subjects import SHARES

        subjects.register(SHARES)
