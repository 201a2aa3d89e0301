from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "samensterk.intake"
    label = "intake"
    verbose_name = _("Signalen")

    def ready(self):
        from samensterk.privacy.retention import register

        from . import retention

        register(
            "signal contact details",
            erase=retention.erase_old_contacts,
            due=retention.old_contacts_due,
        )
        register(
            "stories of closed signals",
            erase=retention.pseudonymise_old_stories,
            due=retention.old_stories_due,
        )
