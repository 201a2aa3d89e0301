import codecs
import csv
import io
from datetime import timedelta

import vobject
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samensterk.network.models import ContactMoment, Person, Stakeholder
from samensterk.network.notifications import send_digest
from samensterk.privacy.models import AuditLog

from .test_register import NetworkTestCase

HEADER = "naam,functie,organisatie,gemeente,email,telefoon,netwerkstap,sleutelfiguur\n"


class ExportTests(NetworkTestCase):
    def test_csv_and_vcard_hold_the_people_the_user_sees_and_are_audited(self):
        self.login(self.carla)
        response = self.client.get(reverse("network:people_export", args=["csv"]))
        text = response.content.decode()
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertTrue(text.startswith("\ufeffnaam;functie;organisatie;"))
        self.assertIn("Wim Wethouder;wethouder zorg;Gemeente Amsterdam;Amsterdam;wim@", text)
        response = self.client.get(reverse("network:people_export", args=["vcf"]))
        card = response.content.decode()
        self.assertIn("BEGIN:VCARD", card)
        self.assertIn("FN:Wim Wethouder", card)
        self.assertIn("EMAIL:wim@amsterdam.example", card)
        self.assertIn("ORG:Gemeente Amsterdam", card)
        self.assertEqual(
            AuditLog.objects.filter(
                actor=self.carla, action=AuditLog.Action.EXPORT_CONTACT
            ).count(),
            2,
        )
        one = self.client.get(reverse("network:person_vcard", args=[self.wethouder.pk]))
        self.assertIn("TITLE:wethouder zorg", one.content.decode())

    def test_the_excel_csv_is_semicolons_with_a_bom_and_safe_from_formulas(self):
        Person.objects.filter(pk=self.wethouder.pk).update(
            role='=HYPERLINK("http://x.example";"klik")', phone="+31 20 123"
        )
        self.login(self.carla)
        content = self.client.get(reverse("network:people_export", args=["csv"])).content
        self.assertTrue(content.startswith(codecs.BOM_UTF8))
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0][:3], ["naam", "functie", "organisatie"])
        self.assertEqual(rows[1][1], '\'=HYPERLINK("http://x.example";"klik")')
        self.assertEqual(rows[1][5], "'+31 20 123")

    def test_vcard_names_keep_the_particle_with_the_family_name(self):
        for name, family, given in [
            ("Els de Jong", "de Jong", "Els"),
            ("Jan van der Berg", "van der Berg", "Jan"),
            ("Ria de Vries-Bakker", "de Vries-Bakker", "Ria"),
            ("Anna Maria ten Brink", "ten Brink", "Anna Maria"),
            ("Piet Jansen", "Jansen", "Piet"),
        ]:
            Person.objects.filter(pk=self.wethouder.pk).update(name=name)
            self.login(self.carla)
            url = reverse("network:person_vcard", args=[self.wethouder.pk])
            card = vobject.readOne(self.client.get(url).content.decode())
            self.assertEqual(card.fn.value, name)
            self.assertEqual((card.n.value.family, card.n.value.given), (family, given))
            self.assertEqual(card.n.value.prefix, "")

    def test_others_get_nothing_of_this_register(self):
        self.login(self.bram)  # Walcheren: Amsterdam's people are not in his file
        text = self.client.get(reverse("network:people_export", args=["csv"])).content.decode()
        self.assertNotIn("Wim Wethouder", text)
        self.assertNotFoundFor(
            [self.bram, self.otto, self.nina],
            "get",
            reverse("network:person_vcard", args=[self.wethouder.pk]),
        )
        self.assertNotFoundFor([self.nina], "get", reverse("network:people_export", args=["csv"]))
        self.assertNotFoundFor([self.carla], "get", reverse("network:people_export", args=["xml"]))

    def test_planned_meetings_as_ical(self):
        today = timezone.localdate()
        for private, step in [(False, "Afspraak met de wethouder"), (True, "Geheim overleg")]:
            ContactMoment.objects.create(
                organisation=self.alfa, group=self.group_a, person=self.wethouder, date=today,
                kind="gesprek", discussed="x", next_step=step,
                next_step_on=today + timedelta(days=3), private=private,
            )  # fmt: skip
        self.login(self.carla)
        ical = self.client.get(reverse("network:planned_export")).content.decode()
        self.assertIn("BEGIN:VCALENDAR", ical)
        self.assertIn("SUMMARY:Afspraak met de wethouder (Wim Wethouder)", ical)
        self.assertIn("DTSTART;VALUE=DATE:" + (today + timedelta(days=3)).strftime("%Y%m%d"), ical)
        self.assertIn("Geheim overleg", ical)  # her own group's private moment
        self.login(self.sanne)  # national staff: not another group's private moment
        ical = self.client.get(reverse("network:planned_export")).content.decode()
        self.assertIn("Afspraak met de wethouder", ical)
        self.assertNotIn("Geheim overleg", ical)
        self.login(self.otto)
        self.assertNotIn(
            "wethouder", self.client.get(reverse("network:planned_export")).content.decode()
        )


class ImportTests(NetworkTestCase):
    def upload(self, user, content: bytes, name="contacten.csv", municipality=None):
        self.login(user)
        data = {"file": SimpleUploadedFile(name, content)}
        if municipality is not None:
            data["municipality"] = municipality.pk
        return self.client.post(reverse("network:import"), data, follow=True)

    def test_a_good_csv_is_stored_and_an_export_imported_again_updates(self):
        content = (
            HEADER
            + "Jeroen Bos,beleidsmedewerker,Gemeente Amsterdam,,jeroen@ams.example,,vlooien,ja\n"
            + "Anouk Visser,voorzitter,Adviesraad Amsterdam,Amsterdam,,06 1234,,nee\n"
        ).encode()
        response = self.upload(self.carla, content, municipality=self.amsterdam)
        self.assertContains(response, "2 personen toegevoegd, 0 bijgewerkt, 1 organisaties nieuw")
        jeroen = Person.objects.get(name="Jeroen Bos")
        self.assertEqual(jeroen.stakeholder, self.gemeente)  # matched by name
        self.assertEqual((jeroen.stage, jeroen.key_contact), ("vlooien", True))
        self.assertTrue(Stakeholder.objects.filter(name="Adviesraad Amsterdam").exists())
        export = self.client.get(reverse("network:people_export", args=["csv"])).content
        response = self.upload(self.carla, export, name="export.csv")
        self.assertContains(response, "0 personen toegevoegd, 3 bijgewerkt")
        self.assertEqual(Person.objects.filter(organisation=self.alfa).count(), 3)

    def test_semicolon_tab_and_comma_files_with_or_without_a_bom(self):
        rows = [["naam", "functie", "email"], ["Els de Jong", "beleid; zorg", "els@ams.example"]]
        for number, (delimiter, bom) in enumerate(
            [(";", "\ufeff"), (";", ""), ("\t", "\ufeff"), (",", "\ufeff"), ("\t", "")]
        ):
            out = io.StringIO()
            csv.writer(out, delimiter=delimiter).writerows(rows)
            response = self.upload(self.carla, (bom + out.getvalue()).encode(), name="l.csv")
            self.assertContains(response, "bijgewerkt", msg_prefix=repr(delimiter))
            els = Person.objects.get(name="Els de Jong")
            self.assertEqual((els.role, els.email), ("beleid; zorg", "els@ams.example"))
            self.assertEqual(Person.objects.filter(name="Els de Jong").count(), 1, number)

    def test_the_export_round_trips_with_semicolons_and_the_bom(self):
        Person.objects.filter(pk=self.wethouder.pk).update(role="-wethouder; zorg, =ook")
        self.login(self.carla)
        export = self.client.get(reverse("network:people_export", args=["csv"])).content
        self.assertTrue(export.startswith(codecs.BOM_UTF8) and b";" in export.split(b"\n")[0])
        response = self.upload(self.carla, export, name="export.csv")
        self.assertContains(response, "0 personen toegevoegd, 1 bijgewerkt")
        self.wethouder.refresh_from_db()
        self.assertEqual(self.wethouder.role, "-wethouder; zorg, =ook")

    def test_bad_rows_store_nothing_and_say_where(self):
        content = (
            HEADER
            + "Jeroen Bos,,,,geen-adres,,,\n"
            + ",voorzitter,,,,,,\n"
            + "Anouk Visser,,,Middelburg,,,vliegen,misschien\n"
            + "Piet Pan,,,Nergenshuizen,,,,\n"
            + "Wim Wethouders,,,,,,,\n"
            + "Karin Klaassen,,,,,,,\n"
            + "karin klaassen,,,,,,,\n"
        ).encode()
        response = self.upload(self.carla, content, municipality=self.amsterdam)
        self.assertEqual(response.status_code, 400)
        for line in [
            "rij 1: email: Voer een geldig e-mailadres in.",
            "rij 2: naam: de naam is leeg",
            "rij 3: gemeente: Middelburg hoort niet bij het gebied van jullie groep",
            "rij 3: netwerkstap: onbekende stap ‘vliegen’",
            "rij 3: sleutelfiguur: vul ‘ja’ of ‘nee’ in",
            "rij 4: gemeente: onbekende gemeente ‘Nergenshuizen’",
            "rij 5: naam: lijkt op Wim Wethouder, die al in het netwerk staat",
            "rij 7: naam: karin klaassen staat al op rij 6",
        ]:
            self.assertContains(response, line, status_code=400)
        self.assertEqual(Person.objects.count(), 1)
        self.assertEqual(Stakeholder.objects.filter(organisation=self.alfa).count(), 2)

    def test_file_problems(self):
        response = self.upload(self.carla, "naam;functie\nJé;x\n".encode("cp1252"))
        self.assertContains(response, "geen UTF-8", status_code=400)
        response = self.upload(self.carla, b"voornaam,functie\nJan,x\n")
        self.assertContains(response, "onbekende kolom ‘voornaam’", status_code=400)
        self.assertContains(response, "de verplichte kolom ‘naam’ ontbreekt", status_code=400)
        response = self.upload(self.carla, b"x", name="contacten.pdf")
        self.assertContains(response, "Kies een .csv-, .xlsx- of .vcf-bestand.", status_code=400)
        self.assertEqual(Person.objects.count(), 1)

    def test_vcards_in_and_broken_encoding_refused(self):
        cards = (
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Émile Dubois\r\nN:Dubois;Émile;;;\r\n"
            "ORG:Stichting De Linde\r\nTITLE:manager\r\nEMAIL:emile@linde.example\r\n"
            "TEL:020 555 1234\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e Smit\r\n"
            "END:VCARD\r\n"
        )
        response = self.upload(self.carla, cards.encode(), "adresboek.vcf", self.amsterdam)
        self.assertContains(response, "2 personen toegevoegd")
        emile = Person.objects.get(name="Émile Dubois")
        self.assertEqual((emile.role, emile.phone), ("manager", "020 555 1234"))
        self.assertEqual(emile.stakeholder.name, "Stichting De Linde")
        self.assertTrue(Person.objects.filter(name="Renée Smit").exists())
        before = Person.objects.count()
        broken = cards.replace("Émile", "Zoë").encode("latin-1")
        response = self.upload(self.carla, broken, "adresboek.vcf", self.amsterdam)
        self.assertContains(response, "Dit vCard-bestand is geen UTF-8-tekst", status_code=400)
        damaged = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN Piet\r\nEND:VCARD\r\n"
        response = self.upload(self.carla, damaged, "kapot.vcf", self.amsterdam)
        self.assertContains(
            response, "kan niet worden gelezen: regel 3 klopt niet", status_code=400
        )
        self.assertEqual(Person.objects.count(), before)

    def test_only_members_import_and_only_in_their_area(self):
        self.assertNotFoundFor([self.nina], "get", reverse("network:import"))
        response = self.upload(
            self.bram, (HEADER + "Jan,,,,,,,\n").encode(), "x.csv", self.amsterdam
        )
        self.assertContains(response, "Selecteer een geldige keuze", status_code=400)
        self.assertFalse(Person.objects.filter(name="Jan").exists())


class RetentionAndDigestTests(NetworkTestCase):
    def test_contact_details_of_people_who_left_long_ago_are_erased(self):
        today = timezone.localdate()
        self.wethouder.left_role_on = today - timedelta(days=400)
        self.wethouder.notes = "Privé: belt liever na vijven"
        self.wethouder.save()
        recent = Person.objects.create(
            organisation=self.alfa, municipality=self.amsterdam, name="Nieuw Weg",
            email="weg@example.org", left_role_on=today - timedelta(days=10),
        )  # fmt: skip
        call_command("apply_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.wethouder.refresh_from_db()
        recent.refresh_from_db()
        self.assertEqual(
            (self.wethouder.email, self.wethouder.phone, self.wethouder.notes), ("", "", "")
        )
        self.assertEqual(self.wethouder.contact_erased_on, today)
        self.assertEqual(self.wethouder.name, "Wim Wethouder")
        self.assertEqual(recent.email, "weg@example.org")
        self.assertTrue(
            AuditLog.objects.filter(
                action=AuditLog.Action.ERASE_CONTACT,
                object_reference=f"netwerk-persoon-{self.wethouder.pk}",
            ).exists()
        )
        self.login(self.carla)
        page = self.client.get(
            reverse("network:person_detail", args=[self.wethouder.pk]) + "?contactgegevens=1"
        )
        self.assertContains(page, "De contactgegevens zijn gewist op")

    def test_details_typed_in_again_after_the_erasure_go_the_same_way(self):
        today = timezone.localdate()
        self.wethouder.left_role_on = today - timedelta(days=400)
        self.wethouder.save()
        call_command("apply_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115
        Person.objects.filter(pk=self.wethouder.pk).update(phone="06 12345678")  # an edit
        out = io.StringIO()
        call_command("apply_retention", stdout=out)
        self.assertIn(
            "- network people who left their role: 1 network people erased; still due: 0",
            out.getvalue(),
        )
        self.wethouder.refresh_from_db()
        self.assertEqual(self.wethouder.phone, "")

    def test_the_weekly_digest_and_the_dashboard_name_whom_to_contact(self):
        today = timezone.localdate()
        ContactMoment.objects.create(
            organisation=self.alfa, group=self.group_a, person=self.wethouder,
            date=today - timedelta(days=90), kind="gesprek", discussed="x",
            next_step="Bellen over de taxi", next_step_on=today + timedelta(days=2),
        )  # fmt: skip
        self.wethouder.last_contact_on = today - timedelta(days=90)
        self.wethouder.save()
        sent, failed = send_digest(today)
        recipients = {m.to[0] for m in mail.outbox}
        self.assertIn(self.carla.email, recipients)
        self.assertIn(self.vince.email, recipients)
        self.assertNotIn(self.bram.email, recipients)  # not his area
        self.assertNotIn(self.sanne.email, recipients)  # staff: the groups keep their own
        self.assertNotIn(self.otto.email, recipients)
        self.assertEqual((sent, failed), (len(recipients), 0))
        body = next(m.body for m in mail.outbox if m.to == [self.carla.email])
        self.assertIn("Wim Wethouder, wethouder zorg", body)
        self.assertIn("Bellen over de taxi", body)
        self.login(self.carla)
        page = self.client.get(reverse("front:dashboard"))
        self.assertContains(page, "Netwerk: contact houden")
        self.assertContains(page, "Wim Wethouder")
        self.login(self.bram)
        self.assertNotContains(self.client.get(reverse("front:dashboard")), "Wim Wethouder")
