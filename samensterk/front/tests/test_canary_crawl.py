"""The canary crawl: stories with unique canary words and phone numbers, and contact details
with unique names, addresses and numbers, under every combination of where the signal is
(group, handed up, national, handed down), consent to anonymous use and consent to contact, in
every channel. As every role, every URL pattern is fetched (the access crawl's list), with every
canary signal where a pattern names one, and every download (agenda PDF and Word, report PDF,
the signal exports in CSV and XLSX with and without contact details, the API). The text of
HTML, JSON, CSV, PDF, DOCX and XLSX is extracted, and each canary must appear exactly where the
disclosure matrix (test_disclosure.expected_form / expected_contact) allows, in that form:

- the canary word (kept by pseudonymisation) only where the story may be read at all;
- the story's phone number (removed by pseudonymisation) only where the story may be read as told;
- the contact details only where the matrix shows them.

A page that shows a story without asking the rule fails here (see the last test).
"""

import io
import json
from itertools import product
from unittest import mock

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localdate
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from samensterk.accounts.permissions import scope_for
from samensterk.dossiers.services import dossier_create, dossier_link_signals
from samensterk.intake import disclosure
from samensterk.intake.agenda import agenda_create
from samensterk.intake.api import api_token_create
from samensterk.intake.models import Channel, Signal, Status
from samensterk.intake.services import (
    signal_handover_to_group,
    signal_handover_to_national,
    signal_transition,
)
from samensterk.intake.tests.test_disclosure import SIDES, expected_contact, expected_form
from samensterk.places.models import Municipality
from samensterk.reports.models import SignalReport
from samensterk.reports.signal_report import report_create, report_update, story_candidates
from samensterk.test import BaseTestCase, login_verified, make_signal
from samensterk.themes.models import Theme

from .test_access_crawl import TARGETS, build_path, url_patterns

PAGE = disclosure.Purpose.PAGE
ROLES = ["carla", "vince", "bram", "sanne", "bea", "otto", "nina", "root", None]
# Actions that change something are requested by the access crawl; here we read.
POST_ONLY = {"accounts:logout"}
AGENDA = {
    "intake:group_agenda",
    "intake:agenda_detail",
    "intake:agenda_download",
    "intake:agenda_pdf_wait",
}
REPORT = {"reports:report_detail", "reports:report_edit", "reports:report_pdf"}


def _text(response) -> str:
    """The readable text of a response, whatever its format."""
    kind = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("application/pdf"):
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if "wordprocessingml" in kind:
        return " ".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if kind.startswith("application/json"):
        return json.dumps(json.loads(content or b"null"), ensure_ascii=False)
    return content.decode(errors="replace")


class Canary:
    def __init__(self, number: int, situation: str, anonymous_use: bool, contact: bool):
        letters = "abcdefghijklmnopqrstuvwxyz"
        self.word = "kanarie" + letters[number // 26] + letters[number % 26] + "x"
        self.phone = f"06{55500000 + number}"
        self.contact_name = f"Contactkanarie {letters[number]}"
        self.contact_email = f"kanarie{number}@example.org"
        self.contact_phone = f"06{99900000 + number}"
        self.situation, self.anonymous_use, self.contact = situation, anonymous_use, contact

    @property
    def story(self) -> str:
        return f"De {self.word} wacht al weken op de taxi. Bel haar moeder op {self.phone}."


class CanaryCrawlTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        amsterdam = Municipality.objects.get(code="GM0363")
        vervoer = Theme.objects.get(code="vervoer")
        channels = list(Channel.values)
        cls.canaries = []
        situations = ["group", "handed_up", "national", "handed_down"]
        for number, (situation, anonymous_use, contact) in enumerate(
            product(situations, [False, True], [False, True])
        ):
            canary = Canary(number, situation, anonymous_use, contact)
            fields = {
                "story": canary.story,
                "channel": channels[number % len(channels)],
                "consent_anonymous_use": anonymous_use,
                "consent_contact": contact,
                "consent_share_national": situation == "handed_up",
                "consent_share_group": situation == "handed_down",
                "municipality": amsterdam,
                "theme": vervoer,
            }
            if contact:
                fields.update(
                    contact_name=canary.contact_name,
                    contact_email=canary.contact_email,
                    contact_phone=canary.contact_phone,
                )
            if situation in ("group", "handed_up"):
                signal = make_signal(cls.group_a, **fields)
            else:
                signal = make_signal(None, organisation=cls.alfa, **fields)
            if situation == "handed_up":
                signal_handover_to_national(signal=signal, actor=cls.carla)
                signal_transition(signal=signal, to_status=Status.IN_PROGRESS, actor=cls.sanne)
            if situation == "handed_down":
                signal_handover_to_group(signal=signal, group=cls.group_a, actor=cls.sanne)
            canary.signal = Signal.objects.get(pk=signal.pk)
            cls.canaries.append(canary)
        # Where stories travel: the board agenda, dossiers, a finalised signal report each side.
        agenda_create(group=cls.group_a, actor=cls.carla)
        on_group_a = [c.signal for c in cls.canaries if c.signal.group_id == cls.group_a.pk]
        national = [c.signal for c in cls.canaries if c.situation == "national"]
        for group, signals in [(cls.group_a, on_group_a), (None, national)]:
            dossier = dossier_create(
                organisation=cls.alfa,
                group=group,
                actor=cls.carla,
                title="Taxi komt te laat",
                problem="De taxi is vaak te laat.",
                municipalities=[amsterdam],
                themes=[vervoer],
            )
            dossier_link_signals(dossier=dossier, signals=signals, actor=cls.carla)
        for group, composer in [(cls.group_a, cls.carla), (None, cls.sanne)]:
            report = report_create(
                organisation=cls.alfa,
                group=group,
                actor=composer,
                title="Signalen over de taxi",
                municipality=amsterdam,
                theme=None,
                # The local date: in the hour after midnight the UTC date is still yesterday.
                period_start=localdate(cls.canaries[0].signal.received_at).replace(day=1),
                period_end=localdate(cls.canaries[0].signal.received_at),
            )
            scope = scope_for(composer)
            report_update(
                report=report,
                scope=scope,
                summary="",
                recommendations="",
                stories=list(story_candidates(scope, report)),
                dossiers=[],
                finalise=True,
            )
        # API keys read as the role they stand for: the organisation's as national staff, a
        # group's as its coordinator.
        cls.tokens = {
            "sanne": api_token_create(organisation=cls.alfa, name="canary")[1],
            "carla": api_token_create(organisation=cls.alfa, name="group", group=cls.group_a)[1],
        }

    # --- what the matrix allows -------------------------------------------------------------

    def allowed(self, canary, role, purpose):
        side = SIDES[canary.situation][role] if role else "nobody"
        consent = {"anonymous_use": canary.anonymous_use, "contact": canary.contact}
        form = expected_form(canary.situation, side, purpose, **consent, withdrawn=False)
        shows_contact = role is not None and expected_contact(
            canary.situation, role, side, purpose, contact=canary.contact, withdrawn=False
        )
        return form, shows_contact

    def check(self, text: str, role, purpose, where: str) -> list[str]:
        problems = []
        for canary in self.canaries:
            form, shows_contact = self.allowed(canary, role, purpose)
            if form == disclosure.Form.NONE and canary.word in text:
                problems.append(f"{where}: story {canary.situation} {canary.word} shown")
            if form != disclosure.Form.TOLD and canary.phone in text:
                problems.append(f"{where}: story as told {canary.situation} {canary.phone} shown")
            contact = [canary.contact_name, canary.contact_email, canary.contact_phone]
            if not shows_contact and any(value in text for value in contact):
                problems.append(f"{where}: contact of {canary.situation} {canary.word} shown")
        return problems

    # --- the crawl ----------------------------------------------------------------------------

    def documents(self, client, role):
        """(purpose, where, response) for every URL pattern and download, as this role."""
        user = getattr(self, role) if role else None
        client.logout()
        if user is not None:
            login_verified(client, user)
        for route, name, _pattern in url_patterns():
            if name in POST_ONLY:
                continue
            finder = TARGETS.get(name)
            purpose = self.purpose_of(name)
            if finder is not None and "reference" in route and name.startswith("intake:signal"):
                for canary in self.canaries:
                    path = build_path(route, {"reference": canary.signal.reference})
                    yield purpose, f"{name} {canary.situation}", client.get(path)
                continue
            targets = [finder(self.alfa, g) for g in (self.group_a, None)] if finder else [{}]
            for kwargs in targets:
                if kwargs is None:
                    continue
                try:
                    path = build_path(route, kwargs)
                except KeyError:
                    continue  # a parameter no object of ours names
                yield purpose, name, client.get(path)
                if name == "intake:agenda_download":
                    docx = build_path(route, {**kwargs, "file_format": "docx"})
                    yield purpose, f"{name} docx", client.get(docx)
        yield disclosure.Purpose.SEARCH, "search", client.get("/signalen/", {"q": "kanarie"})
        for owner, file_format, full in product(["g:groep-a", "o:alfa"], ["csv", "xlsx"], [0, 1]):
            data = {"owner": owner, "file_format": file_format}
            if full:
                data["include_contact"] = "on"
            purpose = disclosure.Purpose.EXPORT_FULL if full else disclosure.Purpose.EXPORT
            response = client.post(reverse("intake:signal_export"), data)
            yield purpose, f"export {owner} {file_format} full={full}", response
        # A data-subject request: searched by the contact address (which the page and files then
        # repeat: it was typed, not disclosed), and exported.
        for canary in self.canaries:
            if not canary.contact:
                continue
            typed = canary.contact_email
            search = reverse("privacy:subject_search", args=[self.alfa.slug])
            yield PAGE, f"subject search typed={typed}", client.post(search, {"q": typed})
            export = reverse("privacy:subject_export", args=[self.alfa.slug])
            for file_format in ["json", "pdf"]:
                data = {"q": typed, "file_format": file_format}
                yield PAGE, f"subject export {file_format} typed={typed}", client.post(export, data)
        yield disclosure.Purpose.API, "api list", client.get("/api/v1/signals", {"limit": 200})
        for canary in self.canaries:
            response = client.get(f"/api/v1/signals/{canary.signal.reference}")
            yield disclosure.Purpose.API, f"api {canary.situation}", response
        if role in self.tokens:
            key = {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[role]}"}
            api = Client()
            yield disclosure.Purpose.API, "api key list", api.get("/api/v1/signals", **key)
            for canary in self.canaries:
                response = api.get(f"/api/v1/signals/{canary.signal.reference}", **key)
                yield disclosure.Purpose.API, f"api key {canary.situation}", response

    @staticmethod
    def purpose_of(name: str):
        if name in AGENDA:
            return disclosure.Purpose.AGENDA
        if name in REPORT:
            return disclosure.Purpose.REPORT
        return disclosure.Purpose.PAGE

    def crawl(self, roles=ROLES):
        client = Client()
        problems, counts = [], {"documents": 0, "formats": set(), "patterns": set()}
        for role in roles:
            for purpose, where, response in self.documents(client, role):
                if response.status_code != 200:
                    continue
                counts["documents"] += 1
                counts["formats"].add(response.get("Content-Type", "").split(";")[0])
                counts["patterns"].add(where.split(" ")[0])
                text = _text(response)
                if "typed=" in where:
                    text = text.replace(where.split("typed=")[1], "")
                problems += self.check(text, role, purpose, f"{role}: {where}")
        return problems, counts

    def test_each_canary_appears_only_where_the_matrix_allows(self):
        problems, counts = self.crawl()
        self.assertEqual(problems, [])
        # The crawl reached every kind of document.
        for kind in [
            "text/html",
            "application/pdf",
            "application/json",
            "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ]:
            self.assertIn(kind, counts["formats"])
        self.assertGreater(len(counts["patterns"]), 60)
        self.assertGreater(counts["documents"], 500)
        # No e-mail carries a story (the receipts went to the canaries' addresses).
        for message in mail.outbox:
            for canary in self.canaries:
                self.assertNotIn(canary.word, message.body)
                self.assertNotIn(canary.phone, message.body)

    def test_each_canary_appears_where_the_matrix_allows_in_that_form(self):
        client = Client()
        for role in ROLES[:-1]:
            login_verified(client, getattr(self, role))
            for canary in self.canaries:
                form, shows_contact = self.allowed(canary, role, disclosure.Purpose.PAGE)
                reference = canary.signal.reference
                page = client.get(reverse("intake:signal_detail", args=[reference]))
                where = f"{role} {canary.situation} {canary.word}"
                if form == disclosure.Form.NONE:
                    self.assertEqual(page.status_code, 404, where)
                    continue
                self.assertContains(page, canary.word, msg_prefix=where)
                if form == disclosure.Form.TOLD:
                    self.assertContains(page, canary.phone, msg_prefix=where)
                else:
                    self.assertNotContains(page, canary.phone, msg_prefix=where)
                contact = client.get(reverse("intake:signal_contact", args=[reference]))
                if shows_contact:
                    self.assertContains(contact, canary.contact_email, msg_prefix=where)
                else:
                    self.assertNotContains(
                        contact, canary.contact_email, status_code=contact.status_code
                    )
            client.logout()
        # The board's papers and the report carry the words, pseudonymised.
        login_verified(client, self.vince)
        agenda = self.group_a.agendas.get()
        pdf = _text(client.get(reverse("intake:agenda_download", args=[agenda.reference, "pdf"])))
        for canary in self.canaries:
            on_agenda = canary.signal.group_id == self.group_a.pk
            self.assertEqual(canary.word in pdf, on_agenda, canary.word)
            self.assertNotIn(canary.phone, pdf)
        login_verified(client, self.carla)
        report = SignalReport.objects.get(group=self.group_a)
        text = _text(client.get(reverse("reports:report_pdf", args=[report.reference])))
        for canary in self.canaries:
            chosen = canary.anonymous_use and canary.signal.group_id == self.group_a.pk
            self.assertEqual(canary.word in text, chosen, canary.word)
            self.assertNotIn(canary.phone, text)

    def test_a_page_that_forgets_the_rule_fails_the_crawl(self):
        """Pages that read the story without the rule: here every one of them, by making the
        rule's text the story as told."""
        with mock.patch.object(disclosure, "_text", lambda signal, form: signal.story):
            problems, _counts = self.crawl(roles=["sanne"])
        self.assertTrue(any("story as told" in p for p in problems))
        self.assertTrue(any("sanne" in p and "handed_up" in p for p in problems))
