from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    name = "samensterk.advocacy"
    label = "advocacy"
    verbose_name = _("Belangenbehartigers en duo's")

    def ready(self):
        from samensterk.privacy import retention, subjects

        from .retention import erase_request_contacts, request_contacts_due
        from .subjects import ADVOCATES, DUOS, REQUESTS

        retention.register(
            "support-request contact details",
            erase=erase_request_contacts,
            due=request_contacts_due,
        )
        subjects.register(REQUESTS)
        subjects.register(ADVOCATES)
        subjects.register(DUOS)
