"""pytest fixtures shared by all apps, among them the browser for the Playwright tests.

Browser tests drive Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and run axe-core
(from npm, node_modules/axe-core) on every page they visit: zero serious or critical violations.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SOURCE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium carries the `browser` marker, whichever module it is in
    (scripts/test runs them once, on SQLite: they check pages, scripts and accessibility)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Rate limits count per test, not across the whole run.

    The cache is a table in the test database: a TestCase's writes to it are rolled back with
    the rest, a transactional test's are not, and a test without a database may not touch it.
    """
    from django.core.cache import cache

    if _uses_the_database(request):
        cache.clear()


def _uses_the_database(request) -> bool:
    databases = getattr(request.instance, "databases", None)
    if databases is not None:  # a Django test case: its set-up opened the database already
        return bool(databases)
    names = set(request.fixturenames)
    if names & {"transactional_db", "live_server"}:
        request.getfixturevalue("transactional_db")  # open it now, before the test's fixtures
        return True
    if "db" in names or request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("db")
        return True
    return False


@pytest.fixture
def demo(transactional_db):
    """The demo installation (`samensterk load_demo`), for the browser tests."""
    import io

    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/test, which installs it.")
    if not AXE_SOURCE.exists():
        pytest.fail("axe-core not found in node_modules: run scripts/test (npm ci).")
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
    # inside one unless told it is safe (it is: the loop is not used for Django code).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class UI:
    """A browser page bound to the live server, which checks accessibility as it goes.

    Every page the main frame navigates to must be checked with axe before the test ends;
    `visit` and `submit` do that themselves.
    """

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.navigated: list[str] = []
        self.checked: set[str] = set()
        self.axe_source = AXE_SOURCE.read_text()
        page.on(
            "framenavigated",
            lambda frame: frame == page.main_frame and self.navigated.append(_path(frame.url)),
        )

    def visit(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.check_accessibility()
        return response

    def submit(self, selector: str = "main button[type=submit]"):
        """Click a submit button, wait for the next page and check it."""
        with self.page.expect_navigation():
            self.page.click(selector)
        self.check_accessibility()

    def login(self, email: str, password: str):
        """Both log-in steps; the second with the code the user's app would show.

        Whoever must use two steps has their app set up already (the set-up itself has its own
        browser test).
        """
        from samensterk.accounts import two_factor
        from samensterk.accounts.models import User
        from samensterk.test import authenticator_code, authenticator_device

        user = User.objects.filter(email=email).first()
        if user is not None and two_factor.required_for(user):
            authenticator_device(user)
        self.visit("/inloggen/")
        self.page.fill("#id_username", email)
        self.page.fill("#id_password", password)
        self.submit()
        if _path(self.page.url).startswith("/inloggen/code/"):
            self.page.fill("#id_code", authenticator_code(user))
            self.submit()

    def logout(self):
        with self.page.expect_navigation():
            self.page.click("header form button[type=submit]")
        self.check_accessibility()

    def check_accessibility(self):
        page = self.page
        page.wait_for_load_state("domcontentloaded")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol: not subject to the page's CSP.
            page.evaluate(self.axe_source)
        result = page.evaluate(
            "async () => await window.axe.run(document, {resultTypes: ['violations']})"
        )
        blocking = [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in blocking
        )
        assert not blocking, f"axe found serious/critical problems on {page.url}:\n{report}"
        self.checked.add(_path(page.url))

    def text(self, selector: str = "main") -> str:
        return self.page.inner_text(selector)

    def assert_all_pages_checked(self):
        unchecked = [p for p in self.navigated if p not in self.checked and p != "about:blank"]
        assert not unchecked, f"pages visited without an accessibility check: {unchecked}"


def _path(url: str) -> str:
    if not url.startswith("http"):
        return url
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def _new_ui(browser, live_server, **context_options):
    context = browser.new_context(locale="nl-NL", **context_options)
    context.set_default_timeout(15_000)
    return context, UI(context.new_page(), live_server.url)


@pytest.fixture
def ui(browser, live_server):
    context, interface = _new_ui(browser, live_server, viewport={"width": 1280, "height": 900})
    yield interface
    interface.assert_all_pages_checked()
    context.close()


@pytest.fixture
def phone_ui(browser, live_server):
    """A 360 px wide phone screen."""
    context, interface = _new_ui(
        browser, live_server, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    yield interface
    interface.assert_all_pages_checked()
    context.close()


@pytest.fixture
def no_js_ui(browser, live_server):
    """A browser with JavaScript switched off: every page must still work."""
    context, interface = _new_ui(browser, live_server, java_script_enabled=False)
    # axe itself needs JavaScript; this context checks function, the others check accessibility.
    interface.check_accessibility = lambda: interface.page.wait_for_load_state()
    yield interface
    context.close()
