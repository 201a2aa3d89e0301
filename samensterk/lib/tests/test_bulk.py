import uuid
from unittest import mock

from django.db import IntegrityError, models, transaction
from django.test import TestCase
from django.utils import timezone

from samensterk.intake.models import Signal
from samensterk.lib import bulk
from samensterk.lib.bulk import InsertBehind, ids_by, insert_rows
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
            ([("een",), ("twee",), ("drie",)], (), [False, False]),  # two chunks of at most 2
            ([("voor\x00na",)], (), [True]),  # json_each's text would end at the NUL
            ([(b"bytes",)], (), [True]),  # JSON has no bytes
            ([("0.1",)], (models.TextField,), [True]),  # as for a float column
        ]
        for values, inexact, ways in cases:
            with (
                self.subTest(values=values),
                mock.patch.object(bulk, "SQLITE_CHUNK", 2),
                mock.patch.object(bulk, "INEXACT_IN_JSON", inexact),
            ):
                statements = bulk._sqlite_statements(Signal, '"t"', '"story"', 1, values)
                self.assertEqual([many for _sql, _params, many in statements], ways)

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


class InsertBehindTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_characters(cls)

    row = InsertRowsTestCase.row

    def test_rows_are_in_once_the_block_ends(self):
        with InsertBehind() as writer:
            for part in range(3):
                writer.insert(Signal, [self.row(f"W-{part}-{n}", "Taxi") for n in range(4)])
        self.assertEqual(Signal.objects.filter(reference__startswith="W-").count(), 12)

    def test_inside_the_transaction(self):
        """The second thread writes on the same connection: a rollback takes its rows too."""

        class Stop(Exception):
            pass

        with self.assertRaises(Stop), transaction.atomic():
            with InsertBehind() as writer:
                writer.insert(Signal, [self.row("T-1", "Taxi")])
                writer.insert(Signal, [self.row("T-2", "Taxi")])
            raise Stop
        self.assertFalse(Signal.objects.filter(reference__startswith="T-").exists())

    def test_error_in_the_block_waits_for_the_insert(self):
        """An error while a part is being inserted: the insert ends before the rollback, and
        nothing is left behind."""

        class Crash(Exception):
            pass

        with self.assertRaises(Crash), transaction.atomic(), InsertBehind() as writer:
            writer.insert(Signal, [self.row(f"C-{n}", "Taxi") for n in range(50)])
            raise Crash
        self.assertFalse(Signal.objects.filter(reference__startswith="C-").exists())

    def test_database_error_comes_out_as_djangos(self):
        """A duplicate reference, found by the database in the second thread."""
        with self.assertRaises(IntegrityError), transaction.atomic(), InsertBehind() as writer:
            writer.insert(Signal, [self.row("D-1", "Taxi")])
            writer.insert(Signal, [self.row("D-1", "Taxi")])
        self.assertFalse(Signal.objects.filter(reference="D-1").exists())

    def test_import_part_by_part(self):
        """signal_create_many over more rows than a part: every signal stored with its
        suggestions and event, in order."""
        from samensterk.intake import services

        items = [
            {"story": f"De taxi naar de dagbesteding kwam {n} keer te laat", "channel": "import"}
            for n in range(7)
        ]
        with mock.patch.dict(services.PIPELINE_PART, {"sqlite": 3, "postgresql": 3}):
            ids = services.signal_create_many(organisation=self.alfa, items=items)
        signals = Signal.objects.in_bulk(ids)
        self.assertEqual([signals[i].story for i in ids], [item["story"] for item in items])
        for signal in signals.values():
            self.assertEqual(signal.theme_suggestions[0]["code"], "vervoer")
            self.assertEqual(signal.events.count(), 1)
