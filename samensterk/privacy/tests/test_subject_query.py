"""Reading what staff typed as one person: an e-mail address, a phone number in any notation,
or a name (with or without accents); finding it in a text and taking it out."""

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from samensterk.privacy.subjects import (
    EMAIL,
    NAME,
    PHONE,
    QUERY_TOO_SHORT,
    SubjectQuery,
    normalise_phone,
    parse_query,
)
from samensterk.privacy.templatetags.subjects import subject_value


class SubjectQueryTestCase(SimpleTestCase):
    def test_it_tells_an_address_a_number_and_a_name_apart(self):
        self.assertEqual(parse_query(" Jan@Example.ORG "), SubjectQuery(EMAIL, "jan@example.org"))
        self.assertEqual(parse_query("06-12 34 56 78"), SubjectQuery(PHONE, "0612345678"))
        self.assertEqual(parse_query("Jan  de Vries"), SubjectQuery(NAME, "Jan de Vries"))

    def test_dutch_numbers_have_one_form_however_written(self):
        for written in (
            "0612345678",
            "06 12345678",
            "06-1234 5678",
            "+31 6 12345678",
            "+31 (0)6 12 34 56 78",
            "0031612345678",
            "(06) 123.456.78",
        ):
            self.assertEqual(normalise_phone(written), "0612345678", written)
        self.assertEqual(normalise_phone("+49 151 1234 5678"), "+4915112345678")
        self.assertEqual(normalise_phone("12345"), "")

    def test_too_short_or_without_letters_is_refused_in_dutch(self):
        for typed in ("ab", "--- ", "é.é"):
            with self.assertRaises(ValidationError) as raised:
                parse_query(typed)
            self.assertEqual(raised.exception.messages, [str(QUERY_TOO_SHORT)])

    def test_a_number_is_found_in_a_text_however_written_and_only_as_a_whole(self):
        query = parse_query("0612345678")
        text = "Bel +31 6 1234 5678 of 06-12345678, niet 061234567899 of 10612345678."
        self.assertEqual(
            query.redact(text),
            "Bel [TELEFOON] of [TELEFOON], niet 061234567899 of 10612345678.",
        )

    def test_a_name_is_found_as_whole_words_with_or_without_accents(self):
        query = parse_query("Jose Muller")
        self.assertTrue(query.mentions("Gisteren belde José Müller over de taxi."))
        self.assertTrue(query.matches("JOSÉ MÜLLER"))
        self.assertFalse(query.mentions("Josemuller en Jose Mullers"))
        self.assertEqual(
            query.redact("José  Müller zei: jose-muller."), "[PERSOON] zei: [PERSOON]."
        )

    def test_an_address_is_found_in_a_text_but_not_inside_another(self):
        query = parse_query("jan@example.org")
        self.assertEqual(
            query.redact("Mail jan@example.org of Jan@Example.org, niet bijjan@example.org."),
            "Mail [EMAIL] of [EMAIL], niet bijjan@example.org.",
        )

    def test_the_digest_is_the_same_for_the_same_person_and_shows_nothing(self):
        a, b = parse_query("06 12345678"), parse_query("+31612345678")
        self.assertEqual(a.digest, b.digest)
        self.assertEqual(len(a.digest), 12)
        self.assertNotEqual(a.digest, parse_query("0612345679").digest)

    def test_the_snippet_shows_the_words_around_the_mention(self):
        query = parse_query("Jan de Vries")
        text = "Lang verhaal. " * 10 + "Toen kwam Jan de Vries langs." + " En verder." * 10
        snippet = query.snippet(text, width=10)
        self.assertIn("Jan de Vries", snippet)
        self.assertTrue(snippet.startswith("…") and snippet.endswith("…"))

    def test_values_read_as_dutch_in_the_pdf(self):
        self.assertEqual(subject_value(True), "ja")
        self.assertEqual(subject_value(None), "—")
        self.assertEqual(subject_value(["a", "b"]), "a, b")
        self.assertEqual(subject_value({"vervoer": 3}), "vervoer: 3")
