from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "samensterk.reports"
    label = "reports"
    verbose_name = _("Cijfers en rapporten")

    def ready(self):
        from samensterk.privacy import retention

        from .retention import erase_withdrawn_stories, withdrawn_stories_due

        retention.register(
            "withdrawn stories in signal reports",
            erase=erase_withdrawn_stories,
            due=withdrawn_stories_due,
        )
