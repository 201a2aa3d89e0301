from django.core.management.base import BaseCommand, CommandError

from samensterk.accounts.models import LocalGroup, Organisation
from samensterk.intake.api import api_token_create


class Command(BaseCommand):
    help = "Create an API token for an organisation (or one of its groups); printed once."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True)
        parser.add_argument("--group", help="limit the token to one group (slug)")
        parser.add_argument("--name", required=True, help="what the token is for")

    def handle(self, *args, organisation, group=None, name, **options):
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"Unknown organisation '{organisation}'.")
        local_group = None
        if group:
            local_group = LocalGroup.objects.filter(organisation=found, slug=group).first()
            if local_group is None:
                raise CommandError(f"Unknown group '{group}' in {organisation}.")
        _record, token = api_token_create(organisation=found, group=local_group, name=name)
        self.stdout.write(token)
