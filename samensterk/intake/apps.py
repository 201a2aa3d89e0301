from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "samensterk.intake"
    label = "intake"
    verbose_name = _("Signalen")

    def ready(self):
        from samensterk.privacy import retention, subjects

        from . import retention as intake_retention
        from . import subjects as intake_subjects

        retention.register(
            "signal contact details",
            erase=intake_retention.erase_old_contacts,
            due=intake_retention.old_contacts_due,
        )
        retention.register(
            "stories of closed signals",
            erase=intake_retention.pseudonymise_old_stories,
            due=intake_retention.old_stories_due,
        )
        subjects.register(intake_subjects.CONTACTS)
        subjects.register(intake_subjects.STORIES)
