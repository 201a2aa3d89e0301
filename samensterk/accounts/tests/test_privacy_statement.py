"""The privacy statement of an organisation: a public page in easy Dutch that is complete without
any field filled in, and the beheerder's page that fills in the organisation's own part."""

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from samensterk.accounts.models import PrivacyStatement
from samensterk.accounts.services import PRIVACY_PHONE_INVALID, privacy_statement_update
from samensterk.test import BaseTestCase

PUBLIC = reverse("accounts:privacy_statement", args=["alfa"])
EDIT = reverse("accounts:privacy_statement_edit", args=["alfa"])


class PublicPrivacyStatementTestCase(BaseTestCase):
    def test_without_any_field_the_default_text_is_complete_with_the_organisations_name(self):
        response = self.client.get(PUBLIC)
        self.assertEqual(response.status_code, 200)
        for sentence in [
            "Vereniging Alfa is verantwoordelijk voor je gegevens.",
            "de verwerkingsverantwoordelijke",
            "Waarvoor gebruiken we je gegevens?",
            "uitdrukkelijke toestemming",
            "artikel 9, lid 2, onder a",
            "artikel 6, lid 1, onder a",
            f"halen we weg {settings.RETENTION_CONTACT_DAYS} dagen nadat je je verhaal stuurde",
            "Je verhaal intrekken.",
            "Autoriteit Persoonsgegevens",
            "Vraag het aan de groep die je verhaal kreeg.",
        ]:
            self.assertContains(response, sentence)
        self.assertContains(response, f'href="{reverse("intake:track")}"')
        self.assertContains(response, 'href="https://www.autoriteitpersoonsgegevens.nl"')
        self.assertNotContains(response, "Laatst aangepast")
        self.assertEqual(response.cookies, {})  # public: no session, no cookie

    @override_settings(RETENTION_CONTACT_DAYS=180, RETENTION_STORY_YEARS=3)
    def test_the_retention_terms_come_from_the_settings(self):
        response = self.client.get(PUBLIC)
        self.assertContains(response, "halen we weg 180 dagen nadat")
        self.assertContains(response, "Dan halen we na 3 jaar namen en andere persoonlijke")

    def test_without_a_privacy_contact_the_groups_addresses_are_given(self):
        self.group_a.email = "amsterdam@alfa.example"
        self.group_a.save(update_fields=["email"])
        response = self.client.get(PUBLIC)
        self.assertContains(response, 'href="mailto:amsterdam@alfa.example"')
        self.assertNotContains(response, "Groep Walcheren:")  # no address: not listed

    def test_the_organisations_own_fields_are_shown_and_escaped(self):
        privacy_statement_update(
            organisation=self.alfa,
            actor=self.bea,
            controller_name="Stichting <b>Alfa</b>",
            controller_address="Postbus 12\n3500 AA Utrecht",
            contact_name="Pien Privacy",
            contact_email="privacy@alfa.example",
            contact_phone="030 123 45 67",
            purposes_extra="We sturen een nieuwsbrief.\n\nAlleen als je dat wilt. <script>x</script>",
            legal_basis_extra="Voor leden ook artikel 9 lid 2 onder d.",
            retention_extra="Rapporten bewaren we tien jaar.",
            more_information_url="https://www.alfa.example/privacy",
        )
        response = self.client.get(PUBLIC)
        self.assertContains(response, "Stichting &lt;b&gt;Alfa&lt;/b&gt; is verantwoordelijk")
        self.assertContains(response, "Postbus 12<br>3500 AA Utrecht")
        self.assertContains(response, "<p>We sturen een nieuwsbrief.</p>")
        self.assertContains(response, "&lt;script&gt;x&lt;/script&gt;")
        self.assertNotContains(response, "<script>x")
        self.assertContains(response, "Voor leden ook artikel 9 lid 2 onder d.")
        self.assertContains(response, "Rapporten bewaren we tien jaar.")
        self.assertContains(response, "Pien Privacy")
        self.assertContains(response, 'href="mailto:privacy@alfa.example"')
        self.assertContains(response, 'href="tel:0301234567"')
        self.assertContains(response, 'href="https://www.alfa.example/privacy"')
        self.assertContains(response, "Laatst aangepast op")
        self.assertNotContains(response, "Vraag het aan de groep die je verhaal kreeg.")

    def test_each_organisation_has_its_own_page_and_an_unknown_one_is_404(self):
        omega = self.client.get(reverse("accounts:privacy_statement", args=["omega"]))
        self.assertContains(omega, "Organisatie Omega is verantwoordelijk")
        self.assertEqual(
            self.client.get(
                reverse("accounts:privacy_statement", args=["bestaat-niet"])
            ).status_code,
            404,
        )

    def test_in_english_the_organisations_dutch_text_is_marked_dutch(self):
        privacy_statement_update(
            organisation=self.alfa, actor=self.bea, purposes_extra="We sturen een nieuwsbrief."
        )
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.client.get(PUBLIC)
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, '<div lang="nl"><p>We sturen een nieuwsbrief.</p></div>')
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        self.assertNotContains(self.client.get(PUBLIC), '<div lang="nl">')


class EditPrivacyStatementTestCase(BaseTestCase):
    def data(self, **overrides):
        data = {
            "controller_name": "Vereniging Alfa (KvK 12345678)",
            "controller_address": "",
            "contact_name": "Pien Privacy",
            "contact_email": "privacy@alfa.example",
            "contact_phone": "06-12345678",
            "purposes_extra": "",
            "legal_basis_extra": "",
            "retention_extra": "",
            "more_information_url": "",
        }
        data.update(overrides)
        return data

    def test_the_beheerder_fills_in_the_organisations_part(self):
        self.login(self.bea)
        page = self.client.get(EDIT)
        self.assertContains(page, "Privacyverklaring voor melders")
        self.assertContains(page, f'href="{PUBLIC}"')
        response = self.client.post(EDIT, self.data(), follow=True)
        self.assertContains(response, "De privacyverklaring is opgeslagen.")
        statement = PrivacyStatement.objects.get(organisation=self.alfa)
        self.assertEqual(statement.contact_email, "privacy@alfa.example")
        self.assertEqual(statement.updated_by, self.bea)
        self.assertContains(self.client.get(PUBLIC), "Pien Privacy")

    def test_emptied_fields_fall_back_to_the_default_text(self):
        self.login(self.bea)
        self.client.post(EDIT, self.data())
        self.client.post(EDIT, self.data(controller_name="", contact_name="", contact_email=""))
        response = self.client.get(PUBLIC)
        self.assertContains(response, "Vereniging Alfa is verantwoordelijk")
        self.assertContains(response, 'href="tel:06-12345678"')

    def test_an_installation_superuser_may_edit_too(self):
        self.login(self.root)
        self.assertEqual(self.client.get(EDIT).status_code, 200)

    def test_everyone_else_gets_404_national_staff_included(self):
        # National staff read the statement on the public page; changing it is the beheerder's.
        for method in ("get", "post"):
            self.assertNotFoundFor(
                [self.carla, self.vince, self.bram, self.sanne, self.otto, self.nina],
                method,
                EDIT,
                self.data(),
            )
        self.assertFalse(PrivacyStatement.objects.exists())

    def test_the_beheerder_of_one_organisation_cannot_edit_anothers(self):
        self.assertNotFoundFor(
            [self.bea], "post", reverse("accounts:privacy_statement_edit", args=["omega"]), {}
        )

    def test_anonymous_visitors_are_asked_to_log_in(self):
        response = self.client.get(EDIT)
        self.assertRedirects(response, reverse("accounts:login") + f"?next={EDIT}")

    def test_bad_input_is_explained_and_nothing_stored(self):
        self.login(self.bea)
        response = self.client.post(
            EDIT,
            self.data(
                contact_email="privacy@",
                contact_phone="bel maar",
                more_information_url="javascript:alert(1)",
            ),
        )
        self.assertContains(response, "Er ging iets mis.")
        self.assertContains(response, str(PRIVACY_PHONE_INVALID))
        self.assertContains(response, "geldig e-mailadres")
        self.assertEqual(len(response.context["form"].errors), 3)
        self.assertFalse(PrivacyStatement.objects.exists())

    def test_an_ftp_address_is_no_website(self):
        self.login(self.bea)
        response = self.client.post(
            EDIT, self.data(more_information_url="ftp://alfa.example/privacy")
        )
        self.assertContains(response, "Dit is geen websiteadres.")
        self.assertFalse(PrivacyStatement.objects.exists())

    def test_the_beheerder_finds_the_page_from_the_group_list_and_the_account_page(self):
        self.login(self.bea)
        for page in (reverse("accounts:group_list"), reverse("accounts:account")):
            response = self.client.get(page)
            self.assertContains(response, f'href="{EDIT}"')
            self.assertContains(response, f'href="{PUBLIC}"')

    def test_national_staff_find_the_public_page_but_no_edit_link(self):
        self.login(self.sanne)
        for page in (reverse("accounts:group_list"), reverse("accounts:account")):
            response = self.client.get(page)
            self.assertContains(response, f'href="{PUBLIC}"')
            self.assertNotContains(response, f'href="{EDIT}"')
