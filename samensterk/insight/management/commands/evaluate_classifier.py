import json

from django.core.management.base import BaseCommand

from samensterk.insight.classifier import ThemeProfile
from samensterk.insight.evaluation import evaluate, read_labelled
from samensterk.themes.models import Theme


class Command(BaseCommand):
    help = (
        "Train the theme classifier on the labelled rows of TRAIN in isolation (the database's "
        "own model is untouched), predict TEST and print the figures as one JSON object. "
        "Without --train: the cold-start suggester (theme names, descriptions and keywords only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--train", help="labelled exchange-format CSV")
        parser.add_argument("--test", required=True, help="labelled exchange-format CSV")

    def handle(self, *args, train=None, test, **options):
        profiles = [ThemeProfile.from_theme(t) for t in Theme.objects.order_by("position", "code")]
        result = evaluate(profiles, read_labelled(train) if train else [], read_labelled(test))
        result.pop("train_seconds", None)
        self.stdout.write(json.dumps(result, ensure_ascii=False))
