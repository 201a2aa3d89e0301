"""Jobs behind a request: after the commit, in one worker thread, one at a time."""

import threading
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


def mock_dead(thread):
    return mock.patch.object(thread, "is_alive", return_value=False)
