from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "samensterk.courses"
    label = "courses"
    verbose_name = _("Cursussen")

    def ready(self):
        from samensterk.privacy import subjects

        from .subjects import REGISTRATIONS, TRAINERS

        subjects.register(REGISTRATIONS)
        subjects.register(TRAINERS)
