from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "samensterk.surveys"
    label = "surveys"
    verbose_name = _("Vragenlijsten")

    def ready(self):
        from samensterk.privacy import subjects

        from .subjects import INVITATIONS, PANEL

        subjects.register(PANEL)
        subjects.register(INVITATIONS)
