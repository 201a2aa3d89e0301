"""Every public page a reporter meets links to the privacy statement of the organisation: the
form (near the consent questions), the receipt, /volg/ (before and after the code) and the
paper form, which prints the page's address."""

import io
import re

from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from samensterk.intake.services import tracking_code_for
from samensterk.test import BaseTestCase, make_signal

ALFA = reverse("accounts:privacy_statement", args=["alfa"])
OMEGA = reverse("accounts:privacy_statement", args=["omega"])


class PrivacyLinksTestCase(BaseTestCase):
    meld = reverse("intake:meldknop", args=["groep-a"])
    track = reverse("intake:track")

    def test_the_form_links_to_it_within_the_consent_questions(self):
        page = self.client.get(self.meld).content.decode()
        start = page.index('<fieldset class="consent">')
        consent = page[start : page.index("</fieldset>", start)]
        self.assertIn(f'href="{ALFA}"', consent)
        embedded = self.client.get(self.meld + "?embed=1")
        self.assertContains(embedded, f'href="{ALFA}" target="_blank" rel="noopener"')

    def test_the_receipt_links_to_it(self):
        form = self.client.get(self.meld).content.decode()
        token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
        with self.captureOnCommitCallbacks(execute=True):
            receipt = self.client.post(
                self.meld,
                {
                    "story": "De bus kwam niet.",
                    "reporter_role": "zelf",
                    "consent_anonymous_use": "nee",
                    "consent_share_national": "nee",
                    "consent_contact": "nee",
                    "form_token": token,
                },
            )
        self.assertContains(receipt, "Dank je wel!")
        self.assertContains(receipt, f'href="{ALFA}"')

    def test_the_tracking_page_links_to_every_organisations_statement_before_the_code(self):
        for response in (
            self.client.get(self.track),
            self.client.post(self.track, {"code": "AAAA-AAAA"}),  # not found
        ):
            self.assertContains(response, f'href="{ALFA}"', status_code=response.status_code)
            self.assertContains(response, f'href="{OMEGA}"', status_code=response.status_code)
        self.assertEqual(response.status_code, 404)

    def test_with_one_organisation_the_tracking_page_has_one_plain_link(self):
        self.group_x.active = False
        self.group_x.save(update_fields=["active"])
        response = self.client.get(self.track)
        self.assertContains(response, f'<a href="{ALFA}">Wat doen we met je gegevens?</a>')
        self.assertNotContains(response, OMEGA)

    def test_the_found_signal_links_to_its_own_organisations_statement(self):
        signal = make_signal(self.group_x)
        response = self.client.post(self.track, {"code": tracking_code_for(signal.submission_id)})
        self.assertContains(response, "Jouw verhaal")
        self.assertContains(response, f'href="{OMEGA}"')
        self.assertNotContains(response, f'href="{ALFA}"')

    def test_the_paper_form_prints_the_address(self):
        response = self.client.get(reverse("intake:paper_form", args=["groep-a"]))
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        self.assertIn("Wat doen we met je gegevens?", text)
        self.assertIn(settings.SITE_URL + ALFA, re.sub(r"\s+", "", text))
