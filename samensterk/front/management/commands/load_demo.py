from django.core.management.base import BaseCommand

from samensterk.demo.advocacy import load_advocacy
from samensterk.demo.coalitions import load_coalitions
from samensterk.demo.courses import load_courses
from samensterk.demo.dossiers import load_dossiers, load_sample_report
from samensterk.demo.knowledge import load_calendar, load_knowledge
from samensterk.demo.network import load_network
from samensterk.demo.people import DEMO_PASSWORD, load_people
from samensterk.demo.signals import load_signals
from samensterk.demo.surveys import load_surveys
from samensterk.intake.opendata import refresh as open_data_refresh
from samensterk.places.gazetteer import sync_gazetteer
from samensterk.places.models import Municipality, MunicipalityAlias, Place, Province
from samensterk.themes.defaults import install_default_themes
from samensterk.themes.models import Theme


class Command(BaseCommand):
    help = "Create the demo organisation 'demo' with its groups and users (idempotent)."

    def handle(self, *args, **options):
        # Reference data normally comes with the migrations; make sure it is there (idempotent).
        sync_gazetteer(Province, Municipality, MunicipalityAlias, Place)
        install_default_themes(Theme)
        people = load_people()
        created = load_signals(people["organisation"])
        self.stdout.write(self.style.SUCCESS(f"Demo-organisatie: {people['organisation'].name}"))
        self.stdout.write("Groepen: " + ", ".join(sorted(people["groups"])))
        self.stdout.write(f"Signalen: {created} nieuw aangemaakt.")
        dossiers = load_dossiers(people["organisation"])
        self.stdout.write(f"Dossiers: {dossiers} nieuw aangemaakt.")
        network = load_network(people["organisation"])
        self.stdout.write(f"Netwerk: {network} organisaties nieuw aangemaakt.")
        people["logins"] += load_coalitions(people["organisation"])
        if load_surveys(people["organisation"]):
            self.stdout.write("Vragenlijsten: twee monitorrondes en een panelronde aangemaakt.")
        if knowledge := load_knowledge(people["organisation"]):
            self.stdout.write(
                f"Kennisbank: {knowledge} items (webinars, artikelen, handreikingen)."
            )
        if load_calendar(people["organisation"]):
            self.stdout.write("Communicatiekalender: de tien thema's van 2017.")
        if load_courses(people["organisation"]):
            self.stdout.write("Cursussen: drie soorten, trainers en cursusdagen aangemaakt.")
        if load_advocacy(people["organisation"]):
            self.stdout.write("Hulpvragen en duo's: een pool, twee hulpvragen en een duo.")
        if load_sample_report(people["organisation"]):
            self.stdout.write("Voorbeeld-signaalrapport aangemaakt.")
        # Ready before the first visitor asks (the worker works the quarters out).
        quarters = open_data_refresh([people["organisation"]])
        self.stdout.write(f"Open data: {quarters} kwartalen voor de worker klaargezet.")
        self.stdout.write(f"\nDemo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        width = max(len(email) for email, _ in people["logins"])
        for email, role in people["logins"]:
            self.stdout.write(f"  {email.ljust(width)}  {role}")
