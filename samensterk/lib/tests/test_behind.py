"""Jobs behind a request: after the commit, in one worker thread, one at a time."""

import threading
import time
from unittest import mock

from django.db import transaction
from django.test import TransactionTestCase, override_settings

from samensterk.lib import behind


@override_settings(BEHIND=True)
class BehindTests(TransactionTestCase):
    def tearDown(self):
        behind.release()

    def test_a_job_runs_in_the_worker_after_the_commit_and_never_after_a_rollback(self):
        ran = []

        def job(name):
            return lambda: ran.append((name, threading.current_thread().name))

        with transaction.atomic():
            behind.after_commit(job("kept"))
            behind.drain()
            self.assertEqual(ran, [])  # not before the commit
        try:
            with transaction.atomic():
                behind.after_commit(job("rolled back"))
                raise RuntimeError
        except RuntimeError:
            pass
        behind.after_commit(job("outside a transaction"))
        behind.drain()
        self.assertEqual(
            ran, [("kept", "samensterk-behind"), ("outside a transaction", "samensterk-behind")]
        )

    def test_a_failing_job_is_logged_and_the_next_one_still_runs(self):
        ran = []

        def fail():
            raise ValueError("kapot")

        with self.assertLogs("samensterk.lib.behind", "ERROR") as logs:
            behind.after_commit(fail)
            behind.after_commit(lambda: ran.append("next"))
            behind.drain()
        self.assertEqual(ran, ["next"])
        self.assertIn("kapot", "\n".join(logs.output))

    def test_a_worker_that_is_gone_is_started_again(self):
        behind.after_commit(lambda: None)
        behind.drain()
        gone = behind._worker["thread"]
        # As after a server forks its worker processes: the thread object is there, not alive.
        with mock_dead(gone):
            ran = []
            behind.after_commit(lambda: ran.append("ran"))
            behind.drain()
        self.assertEqual(ran, ["ran"])
        self.assertIsNot(behind._worker["thread"], gone)
        self.assertTrue(behind._worker["thread"].is_alive())

    def test_without_a_live_worker_waiting_returns_at_once(self):
        behind.after_commit(lambda: None)
        behind.drain()
        # As in a process forked while jobs waited: counted as waiting, no worker to do them.
        with (
            mock_dead(behind._worker["thread"]),
            mock.patch.object(
                behind._jobs, "join", side_effect=AssertionError("would wait for ever")
            ),
        ):
            behind.drain()
            behind.release()

    def test_a_process_that_ends_finishes_the_waiting_jobs_first(self):
        import atexit

        with mock.patch.object(atexit, "register") as register, mock.patch.dict(behind._worker):
            behind._worker.clear()
            behind.after_commit(lambda: None)
            behind.after_commit(lambda: None)
            started = behind._worker["thread"]
        register.assert_called_once_with(behind.release)
        behind.drain()
        self.assertTrue(started.is_alive())

    def test_with_too_many_waiting_the_caller_runs_the_job_itself(self):
        ran = []
        with mock.patch.object(behind, "MAX_WAITING", 0):
            behind.after_commit(lambda: ran.append(threading.current_thread()))
        self.assertEqual(ran, [threading.current_thread()])

    @override_settings(BEHIND=False)
    def test_switched_off_a_job_runs_at_once_in_the_caller(self):
        ran = []
        self.assertFalse(behind.enabled())
        behind.after_commit(lambda: ran.append(threading.current_thread()))
        self.assertEqual(ran, [threading.current_thread()])


@override_settings(BEHIND=True)
class GatherTests(TransactionTestCase):
    """Results of jobs written together, at most GATHER_SECONDS after the first came."""

    def setUp(self):
        self.written = []

    def tearDown(self):
        behind.release()

    def write(self, items):
        self.written.append((list(items), threading.current_thread().name))

    def gather_in_jobs(self, *items):
        for item in items:
            behind.after_commit(lambda item=item: behind.gather(self.write, item))

    def wait_for_a_write(self):
        for _ in range(100):
            if self.written:
                return
            time.sleep(0.05)
        self.fail("nothing was written")

    def test_what_jobs_gather_is_written_in_one_go_once_it_has_waited(self):
        with mock.patch.object(behind, "GATHER_SECONDS", 0.2):
            self.gather_in_jobs("a", "b")
            behind.drain(gathered=False)
            self.assertEqual(self.written, [])  # the jobs ran; their write waits
            self.wait_for_a_write()
        self.assertEqual(self.written, [(["a", "b"], "samensterk-behind")])

    def test_draining_and_releasing_write_what_waits(self):
        with mock.patch.object(behind, "GATHER_SECONDS", 60):
            self.gather_in_jobs("a")
            behind.drain()
            self.gather_in_jobs("b")
            behind.release()
        self.assertEqual(self.written, [(["a"], "samensterk-behind"), (["b"], "samensterk-behind")])

    def test_many_waiting_are_written_at_once(self):
        with (
            mock.patch.object(behind, "GATHER_SECONDS", 60),
            mock.patch.object(behind, "GATHER_MAX", 2),
        ):
            self.gather_in_jobs("a", "b", "c")
            behind.drain(gathered=False)
        self.assertEqual(self.written, [(["a", "b"], "samensterk-behind")])

    def test_gathered_outside_a_job_the_worker_still_writes_it(self):
        with mock.patch.object(behind, "GATHER_SECONDS", 0.2), mock.patch.dict(behind._worker):
            behind._worker.clear()  # no worker yet: gathering starts one
            behind.gather(self.write, "a")
            self.wait_for_a_write()
            behind.release()
        self.assertEqual(self.written, [(["a"], "samensterk-behind")])

    def test_a_failing_write_is_logged_and_later_ones_still_happen(self):
        def fail(items):
            raise ValueError("kapot")

        with self.assertLogs("samensterk.lib.behind", "ERROR") as logs:
            behind.after_commit(lambda: behind.gather(fail, "a"))
            behind.drain()
        self.gather_in_jobs("b")
        behind.drain()
        self.assertEqual(self.written, [(["b"], "samensterk-behind")])
        self.assertIn("kapot", "\n".join(logs.output))

    @override_settings(BEHIND=False)
    def test_switched_off_it_is_written_at_once_in_the_caller(self):
        behind.gather(self.write, "a")
        self.assertEqual(self.written, [(["a"], threading.current_thread().name)])


def mock_dead(thread):
    return mock.patch.object(thread, "is_alive", return_value=False)
