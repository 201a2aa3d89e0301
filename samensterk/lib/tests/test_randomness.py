from collections import Counter

from django.test import SimpleTestCase

from samensterk.lib.randomness import random_below, random_uuids


class RandomnessTestCase(SimpleTestCase):
    def test_uuids_are_version_4_and_distinct(self):
        uuids = random_uuids(2000)
        self.assertEqual(len(uuids), 2000)
        self.assertEqual(len(set(uuids)), 2000)
        self.assertEqual({u.version for u in uuids}, {4})
        self.assertEqual({u.variant for u in uuids}, {"specified in RFC 4122"})
        self.assertEqual(random_uuids(0), [])

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
