import time
from unittest import mock

from django.test import SimpleTestCase

from samensterk.lib.memo import ProcessMemo, lifetime
from samensterk.test import CACHE_OUTSIDE_THE_DATABASE


@CACHE_OUTSIDE_THE_DATABASE
class ProcessMemoTestCase(SimpleTestCase):
    def setUp(self):
        self.memo = ProcessMemo("test-lifetime", seconds=60)
        self.made = 0

    def make(self):
        self.made += 1
        return self.made

    def read_at(self, offset: float):
        later = time.monotonic() + offset
        with mock.patch("samensterk.lib.memo.time.monotonic", return_value=later):
            return self.memo.get("key", self.make)

    def test_a_value_lives_at_least_three_quarters_and_at_most_all_of_its_seconds(self):
        self.assertEqual(self.memo.get("key", self.make), 1)
        self.assertEqual(self.read_at(44), 1)
        self.assertEqual(self.read_at(61), 2)

    def test_the_lifetimes_are_spread_so_that_processes_do_not_renew_together(self):
        lifetimes = [lifetime(60) for _ in range(200)]
        self.assertTrue(all(45 <= x <= 60 for x in lifetimes))
        self.assertGreater(max(lifetimes) - min(lifetimes), 5)
