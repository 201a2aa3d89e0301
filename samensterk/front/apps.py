from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    name = "samensterk.front"
    label = "front"
    verbose_name = _("Voorkant")

    def ready(self):
        from django.db.backends.signals import connection_created

        from samensterk.lib import checkpoint

        connection_created.connect(checkpoint.connection_created, dispatch_uid="sqlite-checkpoint")
