from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    name = "samensterk.insight"
    label = "insight"
    verbose_name = _("Inzicht")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from samensterk.intake.models import Signal

        from .similar_index import note_signal_saved

        post_save.connect(note_signal_saved, sender=Signal, dispatch_uid="similar-saved")
        post_delete.connect(note_signal_saved, sender=Signal, dispatch_uid="similar-deleted")
