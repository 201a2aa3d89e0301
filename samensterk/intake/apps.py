from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "samensterk.intake"
    label = "intake"
    verbose_name = _("Signalen")

    def ready(self):
        from samensterk.privacy import retention, subjects

        from . import subjects as intake_subjects
        from .retention import erase_closed_signal_contacts

        retention.register(erase_closed_signal_contacts)
        subjects.register(intake_subjects.CONTACTS)
        subjects.register(intake_subjects.STORIES)
