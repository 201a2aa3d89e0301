from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "samensterk.network"
    label = "network"
    verbose_name = _("Netwerk")

    def ready(self):
        from samensterk.privacy import retention, subjects

        from .retention import erase_people_who_left, people_who_left_due
        from .subjects import PEOPLE

        retention.register(
            "network people who left their role",
            erase=erase_people_who_left,
            due=people_who_left_due,
        )
        subjects.register(PEOPLE)
