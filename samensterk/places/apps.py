from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "samensterk.places"
    label = "places"
    verbose_name = _("Gemeenten en plaatsen")

    def ready(self):
        from .models import Municipality, MunicipalityAlias
        from .selectors import LOOKUPS

        LOOKUPS.forget_when_changed(Municipality, MunicipalityAlias)
