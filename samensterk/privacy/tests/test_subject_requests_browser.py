"""Data-subject requests in a browser (Debian's Chromium through Playwright), axe on every
page, at 1280 px and on a phone (360 px): search, bad input, the PDF, erase with its
confirmation step. Screenshots go to var/screenshots/ to look at."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from samensterk.network.models import Person
from samensterk.places.gazetteer import sync_gazetteer
from samensterk.places.models import Municipality, MunicipalityAlias, Place, Province
from samensterk.test import PASSWORD, make_characters
from samensterk.themes.defaults import install_default_themes
from samensterk.themes.models import Theme

from .subject_data import EMAIL, NAME, make_subject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
SEARCH_BUTTON = "main form[role=search] button[type=submit]"


def shot(ui, name: str) -> None:
    """A picture of the page, to look at (var/ is not in the repository)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    ui.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def world(transactional_db):
    # A transactional test before this one emptied the tables the migrations filled.
    sync_gazetteer(Province, Municipality, MunicipalityAlias, Place)
    install_default_themes(Theme)
    case = SimpleNamespace()
    make_characters(case)
    case.made = make_subject(case)
    return case


def test_staff_search_export_and_erase_one_thing(ui, world):
    ui.login("sanne@example.org", PASSWORD)
    ui.visit("/privacy/verzoeken/")
    assert "Verzoek van een betrokkene" in ui.text()
    ui.page.fill("#id_q", "ab")
    ui.submit(SEARCH_BUTTON)
    assert "Vul minstens 3 tekens in" in ui.text()
    ui.page.fill("#id_q", EMAIL)
    ui.submit(SEARCH_BUTTON)
    for kind in ("Contactgegevens bij signalen", "Personen in het netwerk", "Trainers"):
        assert kind in ui.text()
    shot(ui, "subject-results-1280")
    with ui.page.expect_download() as download:
        ui.page.click("text=Download als PDF")
    assert download.value.suggested_filename.endswith(".pdf")

    ui.page.check(f"#key-network_person-{world.made.person.pk}")
    ui.submit("main button:has-text('Aangevinkte wissen')")
    assert "Wissen: weet je het zeker?" in ui.text()
    assert "Gewiste persoon" in ui.text()  # what will happen
    shot(ui, "subject-erase-1280")
    ui.submit("main button:has-text('Ja, wissen')")
    assert "Schrijf op waarom je dit wist" in ui.text()
    ui.page.fill("#id_reason", "Verzoek van de betrokkene, per brief")
    ui.submit("main button:has-text('Ja, wissen')")
    assert "1 onderdeel is gewist." in ui.text(".messages")
    assert "Personen in het netwerk" not in ui.text()
    assert Person.objects.get(pk=world.made.person.pk).name == "Gewiste persoon"


def test_a_search_by_name_on_a_phone(phone_ui, world):
    phone_ui.login("bea@example.org", PASSWORD)
    phone_ui.visit("/privacy/verzoeken/alfa/")
    shot(phone_ui, "subject-start-360")
    phone_ui.page.fill("#id_q", NAME)
    phone_ui.submit(SEARCH_BUTTON)
    assert "Verhalen die deze persoon noemen" in phone_ui.text()
    assert "Duo's" in phone_ui.text()
    shot(phone_ui, "subject-results-360")
    phone_ui.submit("main button:has-text('Alles wissen')")
    assert "Wissen: weet je het zeker?" in phone_ui.text()
    shot(phone_ui, "subject-erase-360")
    phone_ui.submit("main form.subject-back button[type=submit]")
    assert "Gevonden" in phone_ui.text()
