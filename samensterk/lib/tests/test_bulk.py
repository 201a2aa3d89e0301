import uuid
from unittest import mock

from django.test import TestCase
from django.utils import timezone

from samensterk.intake.models import Signal
from samensterk.lib import bulk
from samensterk.lib.bulk import ids_by, insert_rows
from samensterk.places.models import Municipality
from samensterk.test import make_characters, make_signal


class InsertRowsTestCase(TestCase):
    """Rows inserted by insert_rows read back as the ORM stores them, whichever way they went."""

    @classmethod
    def setUpTestData(cls):
        make_characters(cls)

    def row(self, reference: str, story: str) -> dict:
        return {
            "organisation": self.alfa,
            "group": self.group_a,
            "municipality_id": Municipality.objects.get(code="GM0363").pk,
            "reference": reference,
            "submission_id": uuid.uuid4(),
            "tracking_hash": uuid.uuid4().hex,
            "channel": "import",
            "received_at": timezone.now().replace(microsecond=123456),
            "story": story,
            "theme_suggestions": [{"code": "vervoer", "confidence": 0.702, "words": ["taxi"]}],
            "consent_contact": True,
            "external_id": "",
        }

    def assert_stored(self, rows: list[dict]) -> None:
        ids = ids_by(Signal, "reference", [r["reference"] for r in rows])
        self.assertEqual(len(ids), len(rows))
        for row in rows:
            signal = Signal.objects.get(pk=ids[row["reference"]])
            self.assertEqual(signal.story, row["story"])
            self.assertEqual(signal.received_at, row["received_at"])
            self.assertEqual(signal.submission_id, row["submission_id"])
            self.assertEqual(signal.theme_suggestions, row["theme_suggestions"])
            self.assertIs(signal.consent_contact, True)
            self.assertEqual(signal.group, self.group_a)
            self.assertIsNone(signal.theme_id)
            self.assertEqual(signal.status, "nieuw")  # a field left out gets its default

    def test_text_of_every_kind_survives(self):
        stories = [
            'Emoji 😀, accenten é ü, "aanhalingstekens", \\ en een\nnieuwe regel\tmet tab',
            "Gewoon een verhaal over de taxi.",
            "",
        ]
        rows = [self.row(f"B-{n}", story) for n, story in enumerate(stories)]
        insert_rows(Signal, rows)
        self.assert_stored(rows)

    def test_same_rows_as_one_at_a_time(self):
        """The statement per chunk and executemany store the same values."""
        json_rows = [self.row(f"J-{n}", f"Verhaal {n}") for n in range(3)]
        many_rows = [self.row(f"M-{n}", f"Verhaal {n}") for n in range(3)]
        with mock.patch.object(bulk, "SQLITE_CHUNK", 2):
            insert_rows(Signal, json_rows)
        with mock.patch.object(bulk.sqlite3, "sqlite_version_info", (3, 37, 0)):
            insert_rows(Signal, many_rows)
        self.assert_stored(json_rows)
        self.assert_stored(many_rows)
        fields = ["story", "received_at", "theme_suggestions", "consent_contact", "status"]
        self.assertEqual(
            list(Signal.objects.filter(reference__startswith="J-").values_list(*fields)),
            list(Signal.objects.filter(reference__startswith="M-").values_list(*fields)),
        )

    def test_which_way_on_sqlite(self):
        """One statement per chunk; row by row for what JSON would not carry to the bit."""
        cases = [
            ([("een",), ("twee",), ("drie",)], True, 2, 0),  # two chunks of at most two
            ([("voor\x00na",)], True, 0, 1),  # json_each's text would end at the NUL
            ([(b"bytes",)], True, 0, 1),  # JSON has no bytes
            ([(0.1,)], False, 0, 1),  # a float column
        ]
        for values, json_ok, statements, many in cases:
            with self.subTest(values=values), mock.patch.object(bulk, "SQLITE_CHUNK", 2):
                cursor = mock.Mock()
                bulk._sqlite_insert(cursor, "INSERT INTO t (a)", 1, values, json_ok=json_ok)
                self.assertEqual(cursor.execute.call_count, statements)
                self.assertEqual(cursor.executemany.call_count, many)

    def test_rollups_count_the_inserted_rows(self):
        """The triggers run for each row of the single statement too."""
        from samensterk.reports.models import StatusRollup

        before = make_signal(self.group_a)
        self.assertTrue(before.pk)
        count = StatusRollup.objects.get(group_id=self.group_a.pk, status="nieuw").n
        insert_rows(Signal, [self.row(f"R-{n}", "Taxi te laat") for n in range(4)])
        self.assertEqual(
            StatusRollup.objects.get(group_id=self.group_a.pk, status="nieuw").n, count + 4
        )
