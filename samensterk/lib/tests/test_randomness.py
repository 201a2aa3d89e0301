import time
from collections import Counter

from django.test import SimpleTestCase

from samensterk.lib.randomness import random_below, time_ordered_uuids


class RandomnessTestCase(SimpleTestCase):
    def test_time_ordered_uuids_are_version_7_distinct_and_in_time_order(self):
        first = time_ordered_uuids(2000)
        self.assertEqual(len(set(first)), 2000)
        self.assertEqual({u.version for u in first}, {7})
        self.assertEqual({u.variant for u in first}, {"specified in RFC 4122"})
        time.sleep(0.002)
        later = time_ordered_uuids(1)[0]
        # Later ids sort after earlier ones, as hex text (SQLite) and as bytes (PostgreSQL).
        self.assertLess(max(u.hex for u in first), later.hex)
        self.assertLess(max(u.bytes for u in first), later.bytes)
        # The 74 bits after the time differ: not a counter.
        self.assertGreater(len({u.int & ((1 << 62) - 1) for u in first}), 1990)
        self.assertEqual(time_ordered_uuids(0), [])

    def test_numbers_below_a_bound_come_equally_often(self):
        # 3 needs two bits, and a draw of 3 is drawn again: 0, 1 and 2 stay equally likely.
        counts = Counter(random_below(3, 30_000))
        self.assertEqual(set(counts), {0, 1, 2})
        self.assertLess(max(counts.values()) - min(counts.values()), 800)  # 10,000 expected each
        self.assertEqual(random_below(1, 5), [0] * 5)
        self.assertEqual(random_below(7, 0), [])
        big = 30**8
        numbers = random_below(big, 5000)
        self.assertTrue(all(0 <= n < big for n in numbers))
        self.assertGreater(max(numbers), big * 0.99)  # the top of the range is reached
        with self.assertRaises(ValueError):
            random_below(0, 1)
