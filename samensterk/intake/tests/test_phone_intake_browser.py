"""A phone call typed with the keyboard only: the story, two keys for the suggestions, one to
save; then the story box is ready for the next call."""

import pytest

from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.intake.models import Signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY = (
    "Moeder belt: haar dochter wacht elke ochtend een uur op de regiotaxi naar de "
    "dagbesteding in Middelburg. De chauffeur zegt dat de planning vol is."
)


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def test_a_phone_call_with_the_keyboard_only_and_the_suggestions_accepted(ui, demo):
    ui.login(demo_email("coordinator.walcheren"), DEMO_PASSWORD)
    ui.visit("/signalen/invoeren/")
    page = ui.page
    assert focused_id(page) == "id_story"  # typing starts in the story
    # Set once, before the first call: Alt+W goes to "who is calling", a letter picks.
    page.keyboard.press("Alt+W")
    assert focused_id(page) == "id_reporter_role"
    page.keyboard.press("f")
    assert page.input_value("#id_reporter_role") == "familie"
    page.focus("#id_story")

    keys = 0  # keys pressed beyond the story text
    page.keyboard.type(STORY)
    page.wait_for_selector("#live-suggestions [data-key='1']")
    page.wait_for_selector("#live-suggestions [data-key='2']")
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        ui.check_accessibility()
    page.keyboard.press("Alt+1")
    keys += 1
    page.keyboard.press("Alt+2")
    keys += 1
    assert page.input_value("#id_municipality") == "Middelburg"
    assert page.input_value("#id_theme") == page.get_attribute("[data-key='1']", "value")
    assert page.input_value("#id_story") == STORY  # Alt+digit typed nothing
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    keys += 1
    ui.check_accessibility()
    assert keys <= 5

    signal = Signal.objects.get(story=STORY)
    assert signal.theme is not None and signal.municipality.name == "Middelburg"
    assert signal.reporter_role == "familie" and signal.channel == "telefoon"
    assert f"Opgeslagen: {signal.reference}. Volgende melding." in ui.text("#messages")
    # Ready for the next call: focus in the empty story, the caller's kind kept.
    assert focused_id(page) == "id_story"
    assert page.input_value("#id_story") == ""
    assert page.input_value("#id_reporter_role") == "familie"
    assert page.input_value("#id_theme") == "" and page.input_value("#id_municipality") == ""
    assert signal.theme.name in ui.text(".recent")
    page.set_viewport_size({"width": 360, "height": 900})
    ui.check_accessibility()
