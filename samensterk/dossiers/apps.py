from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "samensterk.dossiers"
    label = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self):
        from .models import Dossier, DossierAction
        from .selectors import GROUP_WORK

        GROUP_WORK.forget_when_changed(Dossier, DossierAction)
