"""Load test: the public form (meldknop) and a group dashboard, at fixed rates.

Run by scripts/loadtest, which starts the production-like server and prepares the session of a
coordinator. Rates per second come from the environment: FORM_RATE (submissions, each after
loading the form, as a reporter does) and DASHBOARD_RATE (dashboard pages).

Every simulated person comes at random moments, a Poisson process of one visit a second on
average, independent of the others, as real visitors do. (With constant_throughput(1) the
users that locust starts in the same second also came back in the same instant every second:
ten bursts a second, which measured the bursts' queue rather than the server.)
"""

import os
import random
import re
import time
import uuid

import gevent
from locust import FastHttpUser, events, task

FORM_RATE = int(os.environ.get("FORM_RATE", "100"))
DASHBOARD_RATE = int(os.environ.get("DASHBOARD_RATE", "50"))
GROUP = os.environ.get("LOAD_GROUP", "amsterdam")
SESSION = os.environ.get("LOAD_SESSION", "")
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')

STORIES = [
    "De taxi naar de dagbesteding kwam weer een uur te laat. Mijn zoon stond in de kou te wachten.",
    "Ik krijg geen antwoord van het wijkteam over mijn aanvraag voor begeleiding.",
    "De gemeente heeft mijn uren huishoudelijke hulp verlaagd zonder met mij te praten.",
    "Het formulier voor de bijzondere bijstand is veel te moeilijk. Ik snap de vragen niet.",
    "Mijn dochter kan niet meer naar haar werk omdat de bus op zaterdag niet meer rijdt.",
]


def poisson_arrivals(rate: float):
    """A wait_time for locust: the user's visits start at the moments of a Poisson process of
    `rate` per second, whatever each visit took (a visit that ends late is followed at once,
    without making up for the lost time)."""

    def wait_time(user) -> float:
        now = time.monotonic()
        start = max(getattr(user, "_next_start", now) + random.expovariate(rate), now)
        user._next_start = start
        return start - now

    return wait_time


class Visitor(FastHttpUser):
    abstract = True
    wait_time = poisson_arrivals(1)

    def on_start(self):
        # Users are started in batches: spread their first visits over a second.
        gevent.sleep(random.random())
        self._next_start = time.monotonic()


class Reporter(Visitor):
    """Someone who opens the form and sends a story, about once a second per simulated reporter."""

    fixed_count = FORM_RATE

    @task
    def tell_a_story(self):
        with self.client.get(f"/meld/{GROUP}/", name="GET /meld/", catch_response=True) as page:
            found = TOKEN.search(page.text or "")
            if page.status_code != 200 or not found:
                page.failure(f"form not shown ({page.status_code})")
                return
        story = STORIES[uuid.uuid4().int % len(STORIES)] + f" ({uuid.uuid4().hex[:8]})"
        data = {
            "story": story,
            "municipality": "Amsterdam",
            "reporter_role": "familie",
            "consent_anonymous_use": "ja",
            "consent_share_national": "nee",
            "consent_contact": "nee",
            "form_token": found.group(1),
        }
        with self.client.post(
            f"/meld/{GROUP}/", data=data, name="POST /meld/", catch_response=True
        ) as sent:
            if sent.status_code != 200 or "Dank je wel" not in (sent.text or ""):
                sent.failure(f"not stored ({sent.status_code})")


class Coordinator(Visitor):
    """A coordinator looking at their group's dashboard, about once a second per simulated user."""

    fixed_count = DASHBOARD_RATE

    @task
    def dashboard(self):
        with self.client.get(
            f"/overzicht/groep/{GROUP}/",
            name="GET /overzicht/groep/",
            headers={"Cookie": f"sessionid={SESSION}"},
            catch_response=True,
            allow_redirects=False,
        ) as page:
            if page.status_code != 200:
                page.failure(f"dashboard not shown ({page.status_code})")


@events.init_command_line_parser.add_listener
def _no_extra_options(parser):  # keeps `locust --help` honest about what this file reads
    parser.description = __doc__
