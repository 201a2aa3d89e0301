import gc
import threading

from django.test import SimpleTestCase

from samensterk.lib.collector import collector_paused


class CollectorPausedTestCase(SimpleTestCase):
    def setUp(self):
        self.addCleanup(gc.enable)

    def test_off_inside_back_on_after_also_after_an_error(self):
        with collector_paused():
            self.assertFalse(gc.isenabled())
        self.assertTrue(gc.isenabled())
        with self.assertRaises(ZeroDivisionError), collector_paused():
            1 / 0  # noqa: B018
        self.assertTrue(gc.isenabled())

    def test_nested_and_overlapping_blocks_turn_it_on_when_the_last_ends(self):
        inside, leave = threading.Event(), threading.Event()

        def other_job():
            with collector_paused():
                inside.set()
                leave.wait(5)

        thread = threading.Thread(target=other_job)
        with collector_paused():
            thread.start()
            inside.wait(5)
            with collector_paused():
                self.assertFalse(gc.isenabled())
        self.assertFalse(gc.isenabled())  # the other thread's block is still open
        leave.set()
        thread.join(5)
        self.assertTrue(gc.isenabled())

    def test_a_collector_that_was_off_stays_off(self):
        gc.disable()
        with collector_paused():
            pass
        self.assertFalse(gc.isenabled())
