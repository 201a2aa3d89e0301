import csv
import io

from django.core.management import call_command
from django.test import TestCase

from samensterk.places.gazetteer import DATA_DIR
from samensterk.places.models import Municipality, MunicipalityAlias, Place, Province
from samensterk.places.selectors import (
    municipality_lookup,
    municipality_names,
    municipality_resolve,
    municipality_search,
)


class GazetteerTestCase(TestCase):
    def test_a_fresh_database_has_all_municipalities_provinces_and_places(self):
        self.assertEqual(Municipality.objects.count(), 342)
        self.assertEqual(Province.objects.count(), 12)
        self.assertEqual(Place.objects.count(), 2502)

    def test_every_shipped_alias_resolves_to_its_municipality(self):
        with open(DATA_DIR / "aliases.csv", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        self.assertGreater(len(rows), 100)
        for row in rows:
            self.assertEqual(municipality_lookup(row["alias"]).name, row["naam"], row["alias"])

    def test_syncing_again_changes_nothing(self):
        before = (
            Municipality.objects.count(),
            MunicipalityAlias.objects.count(),
            Place.objects.count(),
        )
        out = io.StringIO()
        call_command("sync_gazetteer", stdout=out)
        self.assertIn("0 municipalities", out.getvalue())
        after = (
            Municipality.objects.count(),
            MunicipalityAlias.objects.count(),
            Place.objects.count(),
        )
        self.assertEqual(before, after)

    def test_municipalities_carry_their_cbs_code_and_province(self):
        tynaarlo = Municipality.objects.get(code="GM1730")
        self.assertEqual(tynaarlo.name, "Tynaarlo")
        self.assertEqual(tynaarlo.province.name, "Drenthe")


class LookupTestCase(TestCase):
    def test_it_finds_official_names_forgiving_case_and_accents(self):
        self.assertEqual(municipality_lookup("'s-Hertogenbosch").code, "GM0796")
        self.assertEqual(municipality_lookup("SUDWEST-FRYSLAN").code, "GM1900")
        self.assertEqual(municipality_lookup("  súdwest fryslân ").code, "GM1900")

    def test_it_finds_cbs_codes_with_or_without_prefix(self):
        self.assertEqual(municipality_lookup("GM0796").name, "'s-Hertogenbosch")
        self.assertEqual(municipality_lookup("gm0363").name, "Amsterdam")
        self.assertEqual(municipality_lookup("363").name, "Amsterdam")

    def test_a_change_to_the_gazetteer_is_found_at_once(self):
        self.assertEqual(municipality_lookup("den bosch").code, "GM0796")
        # Also a bulk change, which sends no model signal.
        MunicipalityAlias.objects.filter(key="den bosch").update(key="oud")
        self.assertIsNone(municipality_lookup("Den Bosch"))
        call_command("sync_gazetteer", stdout=io.StringIO())  # restores the alias
        self.assertEqual(municipality_lookup("Den Bosch").code, "GM0796")
        MunicipalityAlias.objects.get(key="den bosch").delete()
        self.assertIsNone(municipality_lookup("Den Bosch"))

    def test_it_finds_common_aliases(self):
        self.assertEqual(municipality_lookup("Den Bosch").code, "GM0796")
        self.assertEqual(municipality_lookup("Den Haag").name, "'s-Gravenhage")

    def test_unknown_names_and_empty_input_find_nothing(self):
        self.assertIsNone(municipality_lookup("Atlantis"))
        self.assertIsNone(municipality_lookup(""))
        self.assertIsNone(municipality_lookup("GM9999"))

    def test_search_finds_municipalities_by_woonplaats(self):
        names = [m.name for m in municipality_search("Grou")]
        self.assertIn("Leeuwarden", names)

    def test_a_woonplaats_in_two_municipalities_finds_both(self):
        codes = {p.municipality.code for p in Place.objects.filter(name="Den Hoorn")}
        self.assertEqual(len(codes), 2)
        found = {m.code for m in municipality_search("Den Hoorn")}
        self.assertTrue(codes <= found)


class ResolveTestCase(TestCase):
    def name(self, value):
        return getattr(municipality_resolve(value).municipality, "name", None)

    def guesses(self, value):
        return [m.name for m in municipality_resolve(value).suggestions]

    def test_districts_villages_and_everyday_names_are_sure(self):
        for typed, expected in [
            ("Amsterdam-Noord", "Amsterdam"),
            ("Zuidoost", "Amsterdam"),
            ("Bijlmer", "Amsterdam"),
            ("A'dam", "Amsterdam"),
            ("Duivendrecht", "Ouder-Amstel"),
            ("Oost-Souburg", "Vlissingen"),
            ("Rosmalen", "'s-Hertogenbosch"),
            ("Den Haag Scheveningen", "'s-Gravenhage"),
            ("GM0363", "Amsterdam"),
        ]:
            self.assertEqual(self.name(typed), expected, typed)

    def test_typos_give_guesses_not_a_sure_answer(self):
        self.assertIsNone(self.name("amsterdm"))
        self.assertEqual(self.guesses("amsterdm")[0], "Amsterdam")
        self.assertEqual(self.guesses("Vlisingen")[0], "Vlissingen")
        self.assertEqual(municipality_resolve("Qwxyz").suggestions, [])

    def test_a_woonplaats_in_several_municipalities_gives_each_as_a_guess(self):
        Place.objects.create(
            name="Tweeplaats", municipality=Municipality.objects.get(code="GM0363")
        )
        Place.objects.create(
            name="Tweeplaats", municipality=Municipality.objects.get(code="GM0718")
        )
        match = municipality_resolve("tweeplaats")
        self.assertIsNone(match.municipality)
        self.assertEqual([m.name for m in match.suggestions], ["Amsterdam", "Vlissingen"])

    def test_the_typeahead_offers_current_names_only(self):
        names = municipality_names()
        self.assertIn("Gooise Meren", names)
        self.assertIn("Den Haag", names)
        for gone in ("Bussum", "Aalburg", "Bedum", "The Hague"):
            self.assertNotIn(gone, names)
