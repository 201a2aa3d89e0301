"""Two people take the last free place at the same moment: one gets it, the other the waiting
list — never more confirmed places than the capacity (real threads, real transactions)."""

import threading

from django.db import connection
from django.test import TransactionTestCase

from samensterk.accounts.models import Organisation
from samensterk.courses import services
from samensterk.courses.models import Registration, RegistrationStatus

from .factories import course, session


class LastPlaceTests(TransactionTestCase):
    def test_two_registrations_at_once_for_the_last_place(self):
        organisation = Organisation.objects.create(name="Alfa", slug="alfa")
        the_session = session(course(organisation), capacity=3)
        for i in range(2):
            services.register(the_session, name=f"Vooraf {i}", email=f"v{i}@example.org")
        for attempt in range(5):
            Registration.objects.filter(name__startswith="Tegelijk").delete()
            barrier = threading.Barrier(2)
            errors = []

            def take(n, attempt=attempt, barrier=barrier, errors=errors):
                try:
                    barrier.wait()
                    services.register(
                        the_session,
                        name=f"Tegelijk {attempt}-{n}",
                        email=f"t{attempt}{n}@example.org",
                    )
                except Exception as error:  # noqa: BLE001 - reported below
                    errors.append(error)
                finally:
                    connection.close()

            threads = [threading.Thread(target=take, args=(n,)) for n in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            self.assertEqual(errors, [])
            statuses = sorted(
                Registration.objects.filter(name__startswith="Tegelijk").values_list(
                    "status", flat=True
                )
            )
            self.assertEqual(statuses, [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING])
            self.assertEqual(
                Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count(), 3
            )
