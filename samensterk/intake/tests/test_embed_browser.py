"""In a browser, with axe on every page: the meldknop embedded with the real embed code on a
group's website of another origin, on a phone: the frame takes the form's height, and after
sending the tracking code is in sight. Then /volg/, and at 1280 px the coordinator's settings
and the thanks page with the group's contact details. Screenshots in var/screenshots."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from samensterk.accounts.models import LocalGroup
from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.intake.models import Signal
from samensterk.intake.tests.test_browser import other_site  # noqa: F401 (a fixture)
from samensterk.intake.views.agenda import embed_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
STORY = "Via de website van de groep: de regiotaxi liet mijn dochter twee keer staan."


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def axe_in_frame(ui, frame) -> None:
    """axe on the framed page itself (the UI checks the page around it)."""
    frame.evaluate(ui.axe_source)
    result = frame.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not blocking, f"axe found serious/critical problems in the frame: {blocking}"


def wait_until(page, check, tries: int = 100) -> bool:
    """Poll `check` (the parent resizes and scrolls when a message arrives, not at once)."""
    for _ in range(tries):
        if check():
            return True
        page.wait_for_timeout(100)
    return check()


# One demo load for the whole walk (loading it is most of a test's time).
def test_the_embedded_meldknop_on_a_phone_then_volg_and_the_settings_at_1280_px(
    phone_ui,
    ui,
    demo,
    live_server,
    other_site,  # noqa: F811
    settings,
):
    settings.SITE_URL = live_server.url  # the embed code points at this server
    origin, pages = other_site
    code = the_tracking_code_is_in_sight_after_sending_in_a_frame(phone_ui, origin, pages)
    the_reporter_follows_it_on_volg(phone_ui, code, "volg-360")
    the_coordinator_sets_the_contact_and_the_reporter_sees_it(ui)


def the_tracking_code_is_in_sight_after_sending_in_a_frame(ui, origin, pages) -> str:
    group = LocalGroup.objects.get(slug="amsterdam")
    group.embed_origins = origin
    group.save(update_fields=["embed_origins"])
    public_url = settings.SITE_URL + "/meld/amsterdam/"
    pages["/"] = (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Ledengroep Amsterdam</title></head><body><main><h1>Onze groep</h1>"
        "<p>Vertel ons wat er gebeurde.</p>"
        + embed_code(group, public_url)
        + "</main></body></html>"
    )
    page = ui.page
    page.goto(origin + "/")
    ui.check_accessibility()
    frame = page.frame_locator("iframe").first
    frame.locator("#id_story").wait_for()
    child = page.frames[1]

    # The frame takes the form's whole height: no scroll bar of its own (was fixed at 1,400).
    def fits() -> bool:
        frame_height = page.evaluate("document.querySelector('iframe').clientHeight")
        return frame_height > 1400 and child.evaluate(
            f"document.documentElement.scrollHeight <= {frame_height} + 1"
        )

    assert wait_until(page, fits), "the frame did not take the form's height"
    axe_in_frame(ui, child)

    child.fill("#id_story", STORY)
    child.check("text=Ik ben familie")
    child.check("#id_consent_anonymous_use_0")
    child.check("#id_consent_share_national_1")
    child.check("#id_consent_contact_0")
    assert child.locator("#id_contact_status_mail").is_hidden()  # only next to an address
    child.fill("#id_contact_email", "ouder@example.org")
    child.check("#id_contact_status_mail")
    shot(page, "embed-form-360")
    with child.expect_navigation():
        child.click("button[type=submit]")
    child.wait_for_selector("text=Dank je wel!")

    value = child.locator(".tracking-code__value")

    def in_sight() -> bool:
        box = value.bounding_box()
        return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= 740

    assert wait_until(page, in_sight), f"tracking code out of sight: {value.bounding_box()}"
    assert child.evaluate("document.activeElement.hasAttribute('data-embed-arrived')")
    page.screenshot(path=str(SHOTS / "embed-thanks-360-viewport.png"))
    axe_in_frame(ui, child)
    signal = Signal.objects.get(story=STORY)
    assert signal.contact.status_mail
    return re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", value.inner_text()).group(0)


def the_reporter_follows_it_on_volg(ui, code: str, name: str) -> None:
    ui.visit("/volg/")
    assert "Ben je je code kwijt?" in ui.text()
    ui.page.fill("#id_code", code)
    ui.submit()
    assert "Je verhaal is binnen" in ui.text()
    assert (
        ui.page.evaluate("document.documentElement.scrollWidth") <= ui.page.viewport_size["width"]
    )
    shot(ui.page, name)


def the_coordinator_sets_the_contact_and_the_reporter_sees_it(ui) -> None:
    ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
    ui.visit("/groepen/amsterdam/meldknop/")
    assert "Lukt het niet? Open het meldformulier" in ui.page.input_value("#embed-code")
    ui.page.fill("#id_contact-phone", "020 123 45 67")
    ui.page.fill("#id_contact-response_weeks", "3")
    ui.submit("button[name=save_contact]")
    assert "De gegevens voor melders zijn opgeslagen." in ui.text(".messages")
    shot(ui.page, "meldknop-settings-1280")
    ui.logout()

    ui.visit("/meld/amsterdam/")
    ui.page.fill("#id_story", "De bus naar het werk is niet toegankelijk met een rolstoel.")
    ui.page.check("text=Het gaat over mij")
    for question in ("anonymous_use", "share_national", "contact"):
        ui.page.check(f"#id_consent_{question}_1")
    ui.submit()
    text = ui.text()
    assert "Binnen 3 weken kijkt een vrijwilliger" in text
    assert "0201234567" in text
    shot(ui.page, "thanks-1280")
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", ui.text(".tracking-code__value")).group(0)
    the_reporter_follows_it_on_volg(ui, code, "volg-1280")
