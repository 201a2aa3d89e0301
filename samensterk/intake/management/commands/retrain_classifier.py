from django.core.management.base import BaseCommand, CommandError

from samensterk.accounts.models import Organisation
from samensterk.intake.suggestions import MIN_LABELS, classifier_retrain


class Command(BaseCommand):
    help = "Retrain the theme suggester from the confirmed themes of each organisation (nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="only this organisation (slug)")

    def handle(self, *args, organisation=None, **options):
        organisations = Organisation.objects.all()
        if organisation:
            organisations = organisations.filter(slug=organisation)
            if not organisations:
                raise CommandError(f"Unknown organisation '{organisation}'.")
        for org in organisations:
            model = classifier_retrain(org)
            if model is None:
                self.stdout.write(f"{org.slug}: fewer than {MIN_LABELS} labels, cold start kept.")
            else:
                self.stdout.write(
                    f"{org.slug}: trained on {model.n_labels} labels; cross-validated accuracy "
                    f"{model.quality['accuracy']}, macro F1 {model.quality['macro_f1']}."
                )
