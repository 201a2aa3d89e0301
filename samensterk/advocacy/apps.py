from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    name = "samensterk.advocacy"
    label = "advocacy"
    verbose_name = _("Belangenbehartigers en duo's")

    def ready(self):
        from samensterk.privacy import retention, subjects

        from .retention import erase_request_contacts
        from .subjects import ADVOCATES, DUOS, REQUESTS

        retention.register(erase_request_contacts)
        subjects.register(REQUESTS)
        subjects.register(ADVOCATES)
        subjects.register(DUOS)
