"""API fuzzing: schemathesis generates requests from /api/v1/openapi.json (a bounded number per
operation) and checks that none gives a server error, that every response matches the schema and
that input the schema forbids is refused.

It found, when it was added: 422 answers whose shape the schema did not describe, an undocumented
400 for a body that is not JSON, and consent given as 0 or 1 and dates given as numbers that were
quietly converted instead of refused."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from samensterk.intake.api import api_token_create
from samensterk.test import make_characters, make_signal

EXAMPLES_PER_OPERATION = 30


class World:
    pass


def api_schema():
    from samensterk.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: the requests run inside the test's transaction, so the end
    of a request must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_headers(db):
    world = World()
    make_characters(world)
    for index in range(3):
        make_signal(world.group_a, story=f"De bus kwam niet ({index}).")
    make_signal(world.group_x, story="Signaal van een andere organisatie.")
    token = api_token_create(organisation=world.alfa, name="fuzz")[1]
    return {"Authorization": f"Bearer {token}"}


schema = api_schema()


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_fails_and_keeps_to_its_schema(case, api_headers):
    # Every check but "schema-valid input is accepted": rules the schema cannot express (a
    # wish to be contacted needs an address; a group must exist) rightly answer 422.
    case.call_and_validate(headers=api_headers, excluded_checks=[positive_data_acceptance])
