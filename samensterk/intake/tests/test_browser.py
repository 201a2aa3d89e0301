"""Browser tests for signals: the meldknop (also in an iframe on another origin), the tracking
page, staff intake and triage. Debian's Chromium through Playwright; axe on every page."""

import http.server
import re
import socketserver
import threading

import pytest

from samensterk.accounts.models import LocalGroup
from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.intake.models import Signal, SignalContact, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def other_site():
    """A web server on another origin (127.0.0.1 instead of localhost) that can show a page."""
    pages = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = socketserver.TCPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", pages
    server.shutdown()
    server.server_close()


def fill_meldknop(frame, story):
    frame.fill("#id_story", story)
    frame.check("text=Ik ben familie")
    frame.check("#id_consent_anonymous_use_0")  # ja
    frame.check("#id_consent_share_national_1")  # nee
    frame.check("#id_consent_contact_1")  # nee


# A speech synthesis the test controls: first without any voice, then with a Dutch one.
FAKE_SPEECH = """(() => {
  const listeners = [];
  window.__spoken = [];
  window.__voices = [];
  const synth = {
    speaking: false,
    getVoices: () => window.__voices,
    speak: (u) => { window.__spoken.push(u.text); synth.speaking = true; window.__utterance = u; },
    cancel: () => {
      synth.speaking = false;
      const u = window.__utterance; window.__utterance = null;
      if (u && u.onend) { u.onend(); }
    },
    addEventListener: (type, f) => listeners.push(f),
  };
  window.__addVoice = (lang) => {
    window.__voices = [{lang: lang, name: "Test"}];
    listeners.forEach((f) => f());
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();"""


def read_aloud_reads_one_visible_part_at_a_time(ui):
    buttons = ui.page.locator("button.read-aloud")
    assert buttons.count() >= 5
    assert all(not b.is_visible() for b in buttons.all())  # no voice: no button
    ui.page.evaluate("window.__addVoice('nl-NL')")
    ui.check_accessibility()  # with the buttons shown
    story = ui.page.locator("[data-read-part]:has(#id_story) button.read-aloud")
    assert story.get_attribute("aria-pressed") == "false"
    story.click()
    label = story.locator(".read-aloud__label")
    assert story.get_attribute("aria-pressed") == "true" and label.inner_text() == "Stop"
    spoken = ui.page.evaluate("window.__spoken[0]")
    assert spoken.startswith("Wat is er gebeurd?") and "Wie vertelt dit?" not in spoken
    story.click()
    assert story.get_attribute("aria-pressed") == "false" and label.inner_text() == "Lees voor"
    for button in buttons.all():
        if button.is_visible():
            button.click()
    spoken = ui.page.evaluate("window.__spoken.join(' | ')")
    assert "Mag de groep je verhaal gebruiken, zonder je naam?" in spoken
    assert "Laat dit vakje leeg" not in spoken and "Lees voor" not in spoken  # the honeypot
    assert "Hoe kunnen we je bereiken?" not in spoken  # hidden until contact is allowed


def errors_are_listed_linked_and_the_long_story_kept(ui):
    ui.submit()  # nothing filled in
    assert ui.page.evaluate("document.activeElement.classList.contains('error-summary')")
    links = ui.page.locator(".error-summary a")
    assert links.count() == 5  # story, who, three consent questions
    ui.page.click(".error-summary a[href='#id_consent_share_national_0']")
    assert ui.page.evaluate("document.activeElement.id") == "id_consent_share_national_0"
    ui.page.click(".error-summary a[href='#id_story']")
    assert ui.page.evaluate("document.activeElement.id") == "id_story"
    assert ui.page.locator("#story-counter").is_hidden()
    ui.page.fill("#id_story", "a" * 9_500)
    assert ui.text("#story-counter") == "Je kunt nog 500 tekens schrijven."
    ui.page.fill("#id_story", "a" * 10_250)
    assert ui.text("#story-counter").startswith("Je verhaal is 250 tekens te lang.")
    assert len(ui.page.input_value("#id_story")) == 10_250  # not cut
    ui.submit()
    assert "10.250 tekens" in ui.text(".error-summary")
    assert len(ui.page.input_value("#id_story")) == 10_250


def test_a_parent_tells_their_story_on_a_phone_and_follows_it(phone_ui, demo):
    ui = phone_ui
    ui.page.add_init_script(FAKE_SPEECH)
    ui.visit("/meld/walcheren/")
    assert ui.page.locator("#id_contact_email").is_hidden()  # only after "may we contact you"
    read_aloud_reads_one_visible_part_at_a_time(ui)
    errors_are_listed_linked_and_the_long_story_kept(ui)
    fill_meldknop(ui.page, "De taxi naar de dagbesteding in Veere komt steeds te laat.")
    ui.page.fill("#id_municipality", "Veere")
    ui.page.check("#id_consent_contact_0")  # ja
    assert ui.page.locator("#id_contact_email").is_visible()
    ui.page.fill("#id_contact_email", "ouder@example.org")
    ui.submit()
    assert "Dank je wel!" in ui.text("h1")
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", ui.text(".tracking-code__value")).group(0)
    assert ui.page.evaluate("document.documentElement.scrollWidth") <= 360
    signal = Signal.objects.get(story__startswith="De taxi naar de dagbesteding in Veere")
    assert signal.group.slug == "walcheren" and signal.municipality.name == "Veere"

    ui.visit("/volg/")
    ui.page.fill("#id_code", code)
    ui.submit()
    assert "Je verhaal is binnen" in ui.text()
    ui.page.check("#id_confirm")
    ui.submit("form:has(input[value=withdraw]) button[type=submit]")
    assert "Je verhaal is weggehaald" in ui.text()
    signal.refresh_from_db()
    assert signal.status == Status.WITHDRAWN and signal.story == ""


def test_the_meldknop_works_inside_an_iframe_on_the_groups_own_website(
    ui, demo, live_server, other_site
):
    origin, pages = other_site
    LocalGroup.objects.filter(slug="amsterdam").update(embed_origins=origin)
    pages["/"] = (
        '<!doctype html><html lang="nl"><head><title>Ledengroep Amsterdam</title></head><body>'
        "<main><h1>Onze groep</h1>"
        f'<iframe src="{live_server.url}/meld/amsterdam/?embed=1" title="Meldknop" '
        'style="width:100%;height:1600px;border:0"></iframe></main></body></html>'
    )
    ui.page.goto(origin + "/")
    ui.check_accessibility()
    child = ui.page.frames[1]
    child.wait_for_selector("#id_story")
    fill_meldknop(child, "Via de website van de groep: geen plek op de dagbesteding.")
    child.click("button[type=submit]")
    child.wait_for_selector("text=Dank je wel!")
    assert re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", child.inner_text(".tracking-code__value"))
    child.evaluate(ui.axe_source)
    result = child.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert not [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert Signal.objects.filter(story__startswith="Via de website van de groep").count() == 1


def test_a_website_that_was_not_allowed_cannot_show_the_meldknop(ui, demo, live_server, other_site):
    origin, pages = other_site
    pages["/"] = (
        '<!doctype html><html lang="nl"><head><title>Iemand anders</title></head><body><main>'
        f'<h1>Niet toegestaan</h1><iframe src="{live_server.url}/meld/amsterdam/?embed=1" title="x">'
        "</iframe></main></body></html>"
    )
    ui.page.goto(origin + "/")
    ui.check_accessibility()
    ui.page.wait_for_timeout(500)
    child = ui.page.frames[1]
    assert "Wat is er gebeurd?" not in child.content()


def test_staff_register_a_phone_call_with_the_keyboard(ui, demo):
    ui.login(demo_email("landelijk"), DEMO_PASSWORD)
    ui.visit("/signalen/invoeren/")
    ui.page.select_option("#id_channel", "telefoon")
    ui.page.fill("#id_story", "Moeder belt: regiotaxi weigert rolstoel, rit geannuleerd.")
    ui.page.fill("#id_municipality", "Middelburg")
    ui.page.check("#id_follow_up_needed")
    with ui.page.expect_navigation():
        ui.page.locator("#id_story").press("Control+Enter")
    ui.check_accessibility()
    assert "Opgeslagen: S-" in ui.text(".messages")
    signal = Signal.objects.get(story__startswith="Moeder belt: regiotaxi")
    assert signal.group is None and signal.follow_up_needed and signal.channel == "telefoon"
    assert signal.reference in ui.text(".recent")
    assert ui.page.input_value("#id_channel") == "telefoon"  # ready for the next call


def test_a_coordinator_triages_a_signal(ui, demo):
    ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
    ui.visit("/signalen/?status=open")
    rows = ui.page.locator("table.signal-table tbody tr")
    assert rows.count() > 0
    ui.page.select_option("#id_status", "nieuw")  # htmx updates the list in place
    ui.page.wait_for_url(re.compile(r"status=nieuw"))
    ui.check_accessibility()
    with ui.page.expect_navigation():
        ui.page.locator("table.signal-table tbody tr a").first.click()
    ui.check_accessibility()
    reference = ui.text("h1").split()[-1]
    ui.page.select_option("#status", "in_behandeling")
    ui.submit("form[action$='/status/'] button")
    assert "De status is aangepast" in ui.text(".messages")
    ui.page.select_option("#id_theme", label="Vervoer")
    ui.submit("aside form[action$='/thema/'] button")
    signal = Signal.objects.get(reference=reference)
    assert signal.status == Status.IN_PROGRESS and signal.theme.code == "vervoer"
    assert "Status veranderd" in ui.text(".history")


def test_the_agenda_and_the_embed_page_pass_the_accessibility_check(ui, demo):
    ui.login(demo_email("coordinator.walcheren"), DEMO_PASSWORD)
    for path in [
        "/groepen/walcheren/",
        "/groepen/walcheren/agenda/",
        "/groepen/walcheren/meldknop/",
        "/signalen/importeren/",
        "/signalen/exporteren/",
        "/bijeenkomsten/",
    ]:
        assert ui.visit(path).status == 200, path
    ui.visit("/groepen/walcheren/agenda/")
    assert "Dit wordt de eerste agenda van de groep" in ui.text()
    ui.submit("main form button[type=submit]")
    assert "Agenda van" in ui.text("h1")
    # One item: the board's decision and 'besproken' in place (htmx), kept with the signal.
    item = ui.page.locator(".agenda-item").first
    reference = item.get_attribute("id").removeprefix("item-")
    item.locator("textarea").fill("Doorgeven aan de Wmo-raad.")
    item.locator("button[name=besproken]").click()
    ui.page.wait_for_selector(f"#item-{reference} .status--besproken")
    assert "Doorgeven aan de Wmo-raad." in ui.text(f"#item-{reference}")
    for width in (360, 1280):
        ui.page.set_viewport_size({"width": width, "height": 900})
        ui.check_accessibility()
    signal = Signal.objects.get(reference=reference)
    assert signal.status == Status.DISCUSSED
    assert signal.events.filter(kind="agenda_note", note="Doorgeven aan de Wmo-raad.").exists()


def test_a_coordinator_confirms_a_suggested_theme_in_one_click(ui, demo):
    from samensterk.intake.services import signal_create

    group = LocalGroup.objects.get(slug="walcheren")
    signal = signal_create(
        organisation=group.organisation,
        group=group,
        channel="meldknop",
        story="De chauffeur van de taxi naar de dagbesteding in Veere schreeuwde weer.",
    )
    ui.login(demo_email("coordinator.walcheren"), DEMO_PASSWORD)
    ui.visit(f"/signalen/{signal.reference}/")
    assert "taxi" in ui.text(".proposal")
    ui.submit(".proposal button[type=submit] >> nth=0")
    signal.refresh_from_db()
    assert signal.theme.code == "vervoer"
    assert ui.page.locator(".proposal").count() in (0, 1)  # the theme question is answered


def test_when_the_database_is_gone_the_story_comes_back_and_can_be_sent_again(phone_ui, demo):
    from unittest import mock

    from django.db import OperationalError

    ui = phone_ui
    ui.visit("/meld/walcheren/")
    fill_meldknop(ui.page, "De bus naar het werk in Vlissingen rijdt niet meer op zaterdag.")
    with mock.patch(
        "samensterk.intake.views.public.meldknop_page",
        side_effect=OperationalError("could not connect to server"),
    ):
        ui.submit()
    assert "Je tekst staat er nog" in ui.text()
    assert "rijdt niet meer op zaterdag" in ui.page.input_value("#id_story")
    ui.submit()
    assert "Dank je wel!" in ui.text("h1")
    assert Signal.objects.filter(story__contains="rijdt niet meer op zaterdag").count() == 1


def test_a_coordinator_keeps_contact_details_longer_for_a_reason(ui, demo):
    from datetime import timedelta

    from django.utils import timezone

    from samensterk.intake.services import signal_create

    group = LocalGroup.objects.get(slug="walcheren")
    signal = signal_create(
        organisation=group.organisation,
        group=group,
        channel="telefoon",
        story="Mijn dochter krijgt geen vervoer naar school in Vlissingen.",
        consent_contact=True,
        contact_phone="06 12345678",
        received_at=timezone.now() - timedelta(days=300),
    )
    ui.login(demo_email("coordinator.walcheren"), DEMO_PASSWORD)
    ui.visit(f"/signalen/{signal.reference}/")
    assert "De contactgegevens worden gewist op" in ui.text("#contact")
    ui.page.click("#contact summary")
    ui.submit("#contact form button[type=submit]")  # no date, no reason: the page says why
    assert "Schrijf op waarom" in ui.text("#contact")
    until = timezone.localdate() + timedelta(days=400)
    ui.page.fill("#id_retain_until", until.isoformat())
    ui.page.fill("#id_reason", "De melder wil horen hoe het bezwaar afloopt.")
    ui.submit("#contact form button[type=submit]")
    assert "De contactgegevens worden langer bewaard" in ui.text(".messages")
    assert "Bewaartermijn verlengd" in ui.text(".history")
    assert SignalContact.objects.get(signal=signal).retain_until == until
