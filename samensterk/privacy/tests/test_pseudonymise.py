import io
import json

from django.core.management import call_command
from django.test import SimpleTestCase

from samensterk.privacy.pseudonymise import is_bsn, pseudonymise

TEXT = (
    "Mijn zoon Jan de Vries (geboren 12-03-1998, BSN 123456782) woont aan de Dorpsstraat 12, "
    "4331 AB Middelburg. Bel 06-12345678 of mail jan@example.nl. De gemeente Middelburg en "
    "Zorgstroom doen niets. Jan is 25 jaar. Sinds 1 januari 2023 krijgt hij geen Wlz-zorg meer."
)


class PseudonymiseTestCase(SimpleTestCase):
    def setUp(self):
        self.result = pseudonymise(TEXT)

    def test_personal_data_is_replaced_by_tags(self):
        for secret in [
            "Jan de Vries",
            "12-03-1998",
            "123456782",
            "Dorpsstraat 12",
            "4331 AB",
            "06-12345678",
            "jan@example.nl",
            "25 jaar",
        ]:
            self.assertNotIn(secret, self.result, secret)
        for tag in [
            "[PERSOON-1]",
            "[GEBOORTEDATUM-1]",
            "[BSN-1]",
            "[ADRES-1]",
            "[POSTCODE-1]",
            "[TELEFOON-1]",
            "[EMAIL-1]",
            "[LEEFTIJD-1]",
        ]:
            self.assertIn(tag, self.result, tag)

    def test_places_organisations_laws_and_other_dates_stay(self):
        for kept in ["gemeente Middelburg", "Zorgstroom", "1 januari 2023", "Wlz"]:
            self.assertIn(kept, self.result, kept)

    def test_the_same_person_gets_the_same_tag(self):
        self.assertIn("[PERSOON-1] is [LEEFTIJD-1] jaar", self.result)
        self.assertNotIn("[PERSOON-2]", self.result)

    def test_names_written_in_lower_case_are_caught(self):
        self.assertNotIn("sanne", pseudonymise("hallo ik heet sanne en ik woon in grou"))

    def test_only_real_bsn_numbers_count(self):
        self.assertTrue(is_bsn("123456782"))
        self.assertFalse(is_bsn("123456789"))
        self.assertIn("123456789", pseudonymise("Dossiernummer 123456789 bij de gemeente."))

    def test_care_providers_and_websites_stay_and_numbers_are_still_found(self):
        text = (
            "Het gaat om Huisartsenpraktijk Noor, zie www.zorggroep-linde.nl/klachten. "
            "Bel mevrouw Bakker op 0612345678, cliëntnummer 20231234567, BSN 123456782."
        )
        result = pseudonymise(text)
        for kept in ["Huisartsenpraktijk Noor", "www.zorggroep-linde.nl/klachten", "20231234567"]:
            self.assertIn(kept, result, result)
        for secret in ["Bakker", "0612345678", "123456782"]:
            self.assertNotIn(secret, result, result)
        self.assertIn("[TELEFOON-1]", result)
        self.assertIn("[BSN-1]", result)

    def test_empty_text_stays_empty(self):
        self.assertEqual(pseudonymise(""), "")
        self.assertEqual(pseudonymise("   "), "   ")


class PseudonymiseCommandTestCase(SimpleTestCase):
    def test_it_reads_stdin_and_writes_stdout(self):
        out = io.StringIO()
        call_command(
            "pseudonymise", stdin=io.StringIO("Bel Piet Jansen op 0612345678."), stdout=out
        )
        self.assertEqual(out.getvalue(), "Bel [PERSOON-1] op [TELEFOON-1].")

    def test_jsonl_does_many_texts_in_one_run(self):
        lines = [json.dumps("Mail naar kees@voorbeeld.nl"), json.dumps("Geen persoonsgegevens.")]
        out = io.StringIO()
        call_command(
            "pseudonymise", "--jsonl", stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out
        )
        results = [json.loads(line) for line in out.getvalue().splitlines()]
        self.assertEqual(results, ["Mail naar [EMAIL-1]", "Geen persoonsgegevens."])
