"""In a browser, with axe on every page: national staff hand a phone call down to a group, the
group's coordinator works on it on a phone and hands it back, and the reporter withdraws the
story and reads what was removed. Screenshots in var/screenshots."""

from pathlib import Path

import pytest
from django.conf import settings

from samensterk.accounts.models import Organisation
from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.intake.agenda import agenda_create
from samensterk.intake.models import Signal
from samensterk.intake.services import tracking_code_for
from samensterk.test import make_signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
STORY = "Mevrouw Anke de Boer belde: de Wmo-taxi naar de dagbesteding in Veere komt niet."


def shot(ui, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    ui.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def phone_call():
    return make_signal(
        None,
        organisation=Organisation.objects.get(slug="demo"),
        channel="telefoon",
        story=STORY,
        consent_share_group=True,
    )


# One demo load for the three walks (loading it is most of a test's time).
def test_hand_over_a_groups_agenda_and_a_withdrawal(ui, phone_ui, demo):
    handed_down_worked_on_by_the_group_and_handed_back(ui, phone_ui)
    national_staff_see_only_shared_stories_on_a_groups_agenda(ui)
    phone_ui.logout()
    the_reporter_withdraws_and_reads_what_was_removed(phone_ui)


def handed_down_worked_on_by_the_group_and_handed_back(ui, phone_ui):
    signal = phone_call()
    ui.login(demo_email("landelijk"), DEMO_PASSWORD)
    ui.visit(f"/signalen/{signal.reference}/")
    assert "Anke de Boer" in ui.text(".story")
    ui.page.select_option("#handover-group", "walcheren")
    ui.submit("form[action$='/overdragen/'] button[type=submit]")
    assert "overgedragen aan" in ui.text(".messages")
    assert "beide kanten" in ui.text(".actions-panel")
    shot(ui, "handover-national-1280")

    phone_ui.login(demo_email("coordinator.walcheren"), DEMO_PASSWORD)
    phone_ui.visit(f"/signalen/{signal.reference}/")
    story = phone_ui.text(".story")
    assert "Anke de Boer" not in story and "Wmo-taxi" in story
    assert phone_ui.page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_ui.page.fill("#note", "Teruggebeld via de Wmo-consulent van Veere.")
    phone_ui.submit("form[action$='/notitie/'] button[type=submit]")
    assert "Teruggebeld via de Wmo-consulent" in phone_ui.text(".history")
    shot(phone_ui, "handover-group-360")
    phone_ui.submit("form[action$='/teruggeven/'] button[type=submit]")
    assert "teruggegeven" in phone_ui.text("main").lower()
    signal.refresh_from_db()
    assert signal.group is None and not signal.handed_down


def national_staff_see_only_shared_stories_on_a_groups_agenda(ui):
    group_signal = Signal.objects.filter(
        group__slug="amsterdam", shared_with_national=False, status="nieuw"
    ).first()
    agenda = agenda_create(group=group_signal.group, actor=None)
    ui.visit(f"/agenda/{agenda.reference}/")  # still logged in as national staff
    text = ui.text("main")
    assert group_signal.reference not in text
    assert "niet gedeeld met het landelijk bureau" in text
    assert "Download PDF" not in text
    shot(ui, "agenda-national-1280")


def the_reporter_withdraws_and_reads_what_was_removed(phone_ui):
    group = Organisation.objects.get(slug="demo").groups.get(slug="walcheren")
    signal = make_signal(group, story=STORY, consent_contact=True, contact_email="anke@example.org")
    agenda_create(group=group, actor=None)
    phone_ui.visit("/volg/")
    phone_ui.page.fill("#id_code", tracking_code_for(signal.submission_id))
    phone_ui.submit()
    assert "Je verhaal is bij" in phone_ui.text("main")
    phone_ui.page.check("#id_confirm")
    phone_ui.submit("form:has(input[value=withdraw]) button[type=submit]")
    text = phone_ui.text("main")
    assert "Dit hebben we weggehaald" in text
    assert "agenda voor het bestuur" in text
    assert phone_ui.page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone_ui, "withdrawn-360")
