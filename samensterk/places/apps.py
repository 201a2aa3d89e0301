from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "samensterk.places"
    label = "places"
    verbose_name = _("Gemeenten en plaatsen")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Municipality, MunicipalityAlias
        from .selectors import LOOKUPS

        for model in (Municipality, MunicipalityAlias):
            post_save.connect(LOOKUPS.forget, sender=model, dispatch_uid=f"lookups-save-{model}")
            post_delete.connect(LOOKUPS.forget, sender=model, dispatch_uid=f"lookups-del-{model}")
