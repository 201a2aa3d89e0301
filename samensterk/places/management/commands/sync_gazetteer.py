from django.core.management.base import BaseCommand

from samensterk.places.gazetteer import sync_gazetteer
from samensterk.places.models import Municipality, MunicipalityAlias, Place, Province


class Command(BaseCommand):
    help = "Load the shipped municipalities, aliases and woonplaatsen (idempotent)."

    def handle(self, *args, **options):
        created = sync_gazetteer(Province, Municipality, MunicipalityAlias, Place)
        self.stdout.write(
            "Gazetteer: {provinces} provinces, {municipalities} municipalities, {aliases} aliases "
            "and {places} places added.".format(**created)
        )
        self.stdout.write(
            f"Now: {Municipality.objects.count()} municipalities, {Place.objects.count()} places."
        )
