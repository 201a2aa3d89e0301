"""The access crawl: every URL pattern, as every named role and as an anonymous visitor, with the
objects of another organisation (the demo organisation) and of another group (within it).

The answer must be 404 (or 405 for a method the view does not take, or the log-in page for an
anonymous visitor), never the other's data. A new URL pattern fails this test until it is listed
here, with how to find an object of a given owner (TARGETS) or why it is public (PUBLIC).
"""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from samensterk.accounts.models import GroupRole, LocalGroup, Organisation, User
from samensterk.accounts.services import invitation_create
from samensterk.advocacy.models import Advocate, Duo, Presentation, RunSheetPart, SupportRequest
from samensterk.coalitions.models import Coalition, SharedItem
from samensterk.courses.models import CoursePage, CourseType, Session, Trainer
from samensterk.demo.people import demo_email
from samensterk.dossiers.models import Dossier, DossierAction
from samensterk.intake.agenda import agenda_create
from samensterk.intake.models import AgendaRun, ImportJob, Meeting, Signal
from samensterk.knowledge.models import CalendarTheme, Item, Publication
from samensterk.network.models import DossierTarget, Person, Relation, Stakeholder
from samensterk.reports.models import SignalReport
from samensterk.surveys.models import Question, Questionnaire, Round
from samensterk.test import login_verified, make_characters

pytestmark = pytest.mark.django_db

# Not part of the crawl: Django's admin (its own scoped tests), the API (the API crawl below and
# the fuzzing test), the language switch.
SKIPPED_PREFIXES = ("beheer/", "api/", "taal/")

# Pages anyone may see by design, with the reason. They are still requested, and must not show
# the other organisation's private data (PRIVATE_MARKERS).
PUBLIC = {
    "health": "monitoring",
    "front:home": "the public start page",
    "front:municipality_list": "public facts",
    "front:municipality_detail": "public facts; signals only within the viewer's own scope",
    "front:theme_list": "the installation's themes",
    "accounts:login": "log-in",
    "accounts:logout": "log-out",
    "accounts:password_reset": "password forgotten",
    "accounts:password_reset_done": "password forgotten",
    "accounts:password_reset_complete": "password forgotten",
    "accounts:password_reset_confirm": "needs the mailed token",
    "accounts:invitation": "needs the mailed token",
    "coalitions:partner_invitation": "needs the mailed token (a coalition partner's guest)",
    "accounts:two_factor_verify": "second log-in step",
    "accounts:privacy_statement": "an organisation's privacy statement for reporters",
    "intake:meldknop": "a group's public report form (the meldknop)",
    "intake:track": "follow a signal with its tracking code",
    "intake:paper_form": "a group's paper report form, printed by any member (public details only)",
    "intake:open_data_page": "an organisation's open data: published (suppressed) figures only",
    "intake:open_data_file": "an organisation's open data: published (suppressed) figures only",
    "surveys:respond_start": "needs the personal link",
    "surveys:respond_question": "needs the personal link",
    "surveys:respond_review": "needs the personal link",
    "surveys:respond_thanks": "needs the personal link",
    "surveys:panel_signup": "an organisation's public panel sign-up",
    "surveys:panel_home": "needs the personal link",
    "surveys:panel_leave": "needs the personal link",
    "surveys:panel_results": "needs the personal link",
    "courses:registration": "needs the personal link",
    "courses:registration_cancel": "needs the personal link",
    "courses:public_list": "an organisation's public course list",
    "courses:register": "an organisation's public course sign-up",
    "knowledge:calendar_feed": "needs the personal link",
}


def owned(model, via="", *, org="organisation", group_owned=True, extra=None, **params):
    """A finder: the first `model` owned by organisation o (or by group g), through `via`
    ("dossier", "presentation__duo", …), as URL parameters (`params`: parameter -> attribute
    path such as "dossier.reference"). group_owned=False: only organisations own such objects."""

    def finder(o, g):
        if g is not None and not group_owned:
            return None
        prefix = f"{via}__" if via else ""
        owner = {f"{prefix}group": g} if g is not None else {f"{prefix}{org}": o}
        obj = model.objects.filter(**owner, **(extra or {})).first()
        return obj and {key: _attribute(obj, path) for key, path in params.items()}

    return finder


def _attribute(obj, path: str):
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _group_of(o, g):
    """The group itself, or (for an organisation) its first group."""
    return g or LocalGroup.objects.filter(organisation=o).first()


def _group(o, g):
    return {"slug": _group_of(o, g).slug}


def _with(finder, **fixed):
    """The same finder, plus parameters that name no object (a file format)."""
    return lambda o, g: (found := finder(o, g)) and {**found, **fixed}


_signal = owned(Signal, reference="reference")
_dossier = owned(Dossier, reference="reference")
_person = owned(Person, group_owned=False, pk="pk")
_stakeholder = owned(Stakeholder, group_owned=False, pk="pk")
_relation = owned(Relation, group_owned=False, pk="pk")
_coalition = owned(Coalition, org="started_by", group_owned=False, pk="pk")
_shared = owned(SharedItem, group_owned=False, pk="coalition_id", item_pk="pk")
_questionnaire = owned(
    Questionnaire, group_owned=False, extra={"questions__isnull": False}, pk="pk"
)
_question = owned(
    Question, "questionnaire", group_owned=False, pk="questionnaire_id", question_pk="pk"
)
_round = owned(Round, "questionnaire", group_owned=False, pk="pk")
_session = owned(Session, "course_type", group_owned=False, pk="pk")
_course_type = owned(CourseType, group_owned=False, pk="pk")
_course_page = owned(
    CoursePage, "course_type", group_owned=False, pk="course_type_id", page_pk="pk"
)
_item = owned(Item, pk="pk")
_publication = owned(Publication, "theme", group_owned=False, pk="pk")
_calendar_theme = owned(CalendarTheme, group_owned=False, pk="pk")
_trainer = owned(Trainer, group_owned=False, pk="pk")
_advocate = owned(Advocate, group_owned=False, pk="pk")
_request = owned(SupportRequest, reference="reference")
_duo = owned(Duo, pk="pk")
_presentation = owned(Presentation, "duo", pk="pk")
_part = owned(RunSheetPart, "presentation__duo", pk="presentation_id", part_pk="pk")
_action = owned(DossierAction, "dossier", reference="dossier.reference", pk="pk")
_target = owned(DossierTarget, "dossier", reference="dossier.reference", pk="pk")
_report = owned(SignalReport, reference="reference")
_agenda = owned(AgendaRun, org="group__organisation", reference="reference")


def _agenda_item(o, g):
    found = _agenda(o, g)
    signal = found and AgendaRun.objects.get(reference=found["reference"]).signals.first()
    return signal and {**found, "signal_reference": signal.reference}


_meeting = owned(Meeting, reference="reference")
_import_job = owned(ImportJob, pk="pk")


def _organisation(o, g):
    """An organisation's own page (its staff's); a group owns none."""
    return None if g else {"slug": o.slug}


def _member(o, g):
    group = _group_of(o, g)
    membership = group.memberships.first()
    return {"slug": group.slug, "pk": membership.pk}


def _invitation(o, g):
    group = _group_of(o, g)
    invitation = group.invitations.first()
    return invitation and {"slug": group.slug, "pk": invitation.pk}


# How to find, for a URL pattern, an object owned by an organisation `o` (or, with `g`, by that
# group of it). None: there is no such object for that owner (e.g. what only an organisation owns).
TARGETS = {
    "front:pattern_dismiss": None,
    "front:pattern_words": None,
    "front:dashboard": None,
    "accounts:account": None,
    "notify:page": None,
    "accounts:two_factor_setup": None,
    "accounts:two_factor_codes": None,
    "accounts:two_factor_new_codes": None,
    "accounts:two_factor_disable": None,
    "accounts:two_factor_confirm": None,
    "accounts:password_change": None,
    "accounts:group_list": None,
    "accounts:group_detail": _group,
    "accounts:group_invite": _group,
    "accounts:invitation_revoke": _invitation,
    "accounts:member_role": _member,
    "accounts:member_remove": _member,
    "accounts:privacy_statement_edit": lambda o, g: None if g else {"slug": o.slug},
    "intake:signal_list": None,
    "intake:staff_intake": None,
    "intake:signal_bulk": None,
    "intake:live_suggestions": None,
    "intake:signal_import": None,
    "intake:signal_export": None,
    "intake:signal_import_job": _import_job,
    "intake:signal_import_confirm": _import_job,
    "intake:open_data": None,
    "intake:signal_detail": _signal,
    "intake:signal_contact": _signal,
    "intake:signal_retain_contact": _signal,
    "intake:signal_status": _signal,
    "intake:signal_theme": _signal,
    "intake:signal_municipality": _signal,
    "intake:signal_assign": _signal,
    "intake:signal_handover": _signal,
    "intake:signal_hand_back": _signal,
    "intake:signal_note": _signal,
    "intake:signal_not_spam": _signal,
    "intake:signal_agenda_again": _signal,
    "intake:group_agenda": _group,
    "intake:meldknop_settings": _group,
    "intake:agenda_detail": _agenda,
    "intake:agenda_discussed": _agenda,
    "intake:agenda_item": _agenda_item,
    "intake:agenda_download": _with(_agenda, file_format="pdf"),
    "intake:agenda_pdf_wait": _agenda,
    "intake:meeting_list": None,
    "intake:meeting_capture": _meeting,
    "dossiers:dossier_list": None,
    "dossiers:dossier_create": None,
    "dossiers:dossier_detail": _dossier,
    "dossiers:dossier_edit": _dossier,
    "dossiers:dossier_link": _dossier,
    "dossiers:dossier_unlink": _dossier,
    "dossiers:decline": _dossier,
    "dossiers:action_create": _dossier,
    "dossiers:action_edit": _action,
    "dossiers:cost_sheet": _dossier,
    "reports:group_dashboard": _group,
    "reports:group_dashboard_download": _with(_group, table="thema", fmt="csv"),
    "reports:national_dashboard": _organisation,
    "reports:national_dashboard_download": lambda o, g: (
        None if g else {"slug": o.slug, "table": "gemeente", "fmt": "xlsx"}
    ),
    "reports:national_region": _organisation,
    "reports:report_list": None,
    "reports:report_create": None,
    "reports:report_detail": _report,
    "reports:report_edit": _report,
    "reports:report_pdf": _report,
    "reports:report_pdf_wait": _report,
    "network:register": None,
    "network:grid": None,
    "network:map": None,
    "network:map_download": None,
    "network:merge": None,
    "network:import": None,
    "network:people_export": None,
    "network:planned_export": None,
    "network:person_vcard": _person,
    "network:stakeholder_create": None,
    "network:stakeholder_detail": _stakeholder,
    "network:stakeholder_edit": _stakeholder,
    "network:relation_create": None,
    "network:relation_delete": _relation,
    "dossiers:dossier_target_add": _dossier,
    "dossiers:dossier_target_remove": _target,
    "dossiers:dossier_grid": _dossier,
    "network:person_create": None,
    "network:person_detail": _person,
    "network:person_edit": _person,
    "coalitions:list": None,
    "coalitions:create": None,
    "coalitions:share": None,
    "coalitions:detail": _coalition,
    "coalitions:answer": _coalition,
    "coalitions:invite": _coalition,
    "coalitions:partner_invite": _coalition,
    "coalitions:leave": _coalition,
    "coalitions:shared": _shared,
    "coalitions:unshare": _shared,
    "surveys:questionnaire_list": None,
    "surveys:questionnaire_create": None,
    "surveys:install_monitoring": None,
    "surveys:panel": None,
    "surveys:questionnaire_detail": _questionnaire,
    "surveys:questionnaire_edit": _questionnaire,
    "surveys:questionnaire_preview": _questionnaire,
    "surveys:questionnaire_new_version": _questionnaire,
    "surveys:section_add": _questionnaire,
    "surveys:question_create": _questionnaire,
    "surveys:question_edit": _question,
    "surveys:question_move": _question,
    "surveys:question_delete": _question,
    "surveys:round_create": _questionnaire,
    "surveys:round_detail": _round,
    "surveys:round_overview": _round,
    "surveys:round_export": _with(_round, file_format="csv"),
    "surveys:round_close": _round,
    "surveys:group_monitoring": _group,
    "surveys:group_panel": _group,
    "courses:overview": None,
    "courses:session_create": None,
    "courses:session_detail": _session,
    "courses:session_edit": _session,
    "courses:attendance": _session,
    "courses:follow_up": _session,
    "courses:certificates": _session,
    "courses:trainers": None,
    "courses:trainer_edit": _trainer,
    "courses:trainer_delete": _trainer,
    "courses:member_groups": None,
    "courses:member_registrations": _group,
    "courses:evaluations": None,
    "courses:evaluation_send": _session,
    "courses:type_create": None,
    "courses:type_edit": _course_type,
    "courses:type_detail": _course_type,
    "courses:course_book": _course_type,
    "courses:page_edit": _course_page,
    "knowledge:list": None,
    "knowledge:create": None,
    "knowledge:example_submit": None,
    "knowledge:review_list": None,
    "knowledge:detail": _item,
    "knowledge:by_key": owned(Item, extra={"key": "netwerken"}, key="key"),
    "knowledge:edit": _item,
    "knowledge:review": _item,
    "knowledge:calendar": None,
    "knowledge:publication_status": _publication,
    "knowledge:publication_edit": _publication,
    "knowledge:publication_delete": _publication,
    "knowledge:calendar_theme_edit": _calendar_theme,
    "knowledge:calendar_theme_delete": _calendar_theme,
    "advocacy:request_list": None,
    "advocacy:request_create": None,
    "advocacy:pool": None,
    "advocacy:advocate_edit": _advocate,
    "advocacy:advocate_delete": _advocate,
    "advocacy:request_detail": _request,
    "advocacy:request_assign": _request,
    "advocacy:request_outcome": _request,
    "advocacy:request_signal": _request,
    "advocacy:duo_list": None,
    "advocacy:duo_detail": _duo,
    "advocacy:presentation_detail": _presentation,
    "advocacy:part_delete": _part,
    "advocacy:part_edit": _part,
    "advocacy:part_move": _part,
    "advocacy:evaluation": _with(_presentation, who="met"),
    "privacy:subject_start": None,
    "privacy:subject_search": _organisation,
    "privacy:subject_export": _organisation,
    "privacy:subject_erase": _organisation,
}

# Lists and forms whose parameter names no object.
FIXED_PARAMETERS = {"network:people_export": {"file_format": "csv"}}

# Public pages with a parameter: a real value of the other organisation, or a made-up token.
PUBLIC_TARGETS = {
    "front:municipality_detail": lambda o: {"code": "GM0363"},
    "accounts:password_reset_confirm": lambda o: {"uidb64": "MQ", "token": "set-password"},
    "accounts:invitation": lambda o: {"token": "x" * 32},
    "coalitions:partner_invitation": lambda o: {"token": "x" * 32},
    "accounts:privacy_statement": lambda o: {"slug": o.slug},
    "intake:meldknop": lambda o: {"slug": LocalGroup.objects.filter(organisation=o).first().slug},
    "intake:paper_form": lambda o: {"slug": LocalGroup.objects.filter(organisation=o).first().slug},
    "intake:open_data_page": lambda o: {"slug": o.slug},
    "intake:open_data_file": lambda o: {"slug": o.slug, "file_name": "signalen.csv"},
    "surveys:respond_start": lambda o: {"token": "x" * 32},
    "surveys:respond_question": lambda o: {"token": "x" * 32, "question_pk": 1},
    "surveys:respond_review": lambda o: {"token": "x" * 32},
    "surveys:respond_thanks": lambda o: {"token": "x" * 32},
    "surveys:panel_signup": lambda o: {"organisation_slug": o.slug},
    "surveys:panel_home": lambda o: {"token": "x" * 32},
    "surveys:panel_leave": lambda o: {"token": "x" * 32},
    "surveys:panel_results": lambda o: {"token": "x" * 32, "round_pk": 1},
    "courses:registration": lambda o: {"token": "x" * 32},
    "courses:registration_cancel": lambda o: {"token": "x" * 32},
    "courses:public_list": lambda o: {"organisation_slug": o.slug},
    "courses:register": lambda o: {
        "organisation_slug": o.slug,
        "pk": Session.objects.filter(course_type__organisation=o).first().pk,
    },
    "knowledge:calendar_feed": lambda o: {"token": "x" * 32},
}


def url_patterns():
    """(route, name, pattern) for every URL pattern outside SKIPPED_PREFIXES."""

    def walk(patterns, prefix="", namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern), f"{namespace}{entry.name}", entry

    return [p for p in walk(get_resolver().url_patterns) if not p[0].startswith(SKIPPED_PREFIXES)]


def build_path(route: str, kwargs: dict) -> str:
    if route.startswith("^"):  # a regular expression route
        path = route.lstrip("^").rstrip("$")
        for key, value in kwargs.items():
            path = re.sub(rf"\(\?P<{key}>[^)]*\)", str(value), path)
        return "/" + path.replace("\\.", ".")
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)
    return "/" + path


ALLOWED = {404, 405}


def _login(client, user):
    client.logout()
    if user is not None:
        login_verified(client, user)


@pytest.fixture
def world(transactional_db):
    """The demo organisation (the others), plus the test characters (the named roles)."""
    call_command("load_demo", stdout=io.StringIO())

    class World:
        pass

    characters = World()
    make_characters(characters)
    demo = Organisation.objects.get(slug="demo")
    amsterdam = LocalGroup.objects.get(slug="amsterdam")
    agenda_create(group=amsterdam, actor=None)
    Meeting.objects.create(
        organisation=demo,
        group=amsterdam,
        reference="M-CRAWL-0001",
        date="2026-10-01",
        place="Amsterdam",
        kind="markt",
    )
    for group in (None, amsterdam):
        ImportJob.objects.create(organisation=demo, group=group, file_name="crawl.csv", total=0)
    for group in LocalGroup.objects.filter(organisation=demo):
        invitation_create(
            group=group,
            email=f"nieuw.{group.slug}@example.org",
            role=GroupRole.VOLUNTEER,
            invited_by=User.objects.get(email=demo_email("beheerder")),
        )
    stories = [
        s[:40]
        for s in Signal.objects.filter(organisation=demo).values_list("story", flat=True)[:30]
        if len(s) >= 40
    ]
    characters.demo = demo
    characters.markers = (
        stories
        + list(Dossier.objects.filter(organisation=demo).values_list("title", flat=True))
        + list(Person.objects.filter(organisation=demo).values_list("name", flat=True)[:20])
    )
    return characters


def test_every_url_pattern_is_in_the_crawl():
    names = {name for _route, name, _p in url_patterns()}
    missing = sorted(n for n in names if n not in TARGETS and n not in PUBLIC)
    assert not missing, f"add these URL patterns to the access crawl (TARGETS or PUBLIC): {missing}"
    stale = sorted(n for n in set(TARGETS) | set(PUBLIC) if n not in names)
    assert not stale, f"these crawl entries have no URL pattern any more: {stale}"


def test_nobody_outside_an_organisation_reaches_its_objects(world):
    roles = {
        "carla (coordinator, Alfa)": world.carla,
        "vince (volunteer, Alfa)": world.vince,
        "sanne (national staff, Alfa)": world.sanne,
        "bea (administrator, Alfa)": world.bea,
        "otto (coordinator, Omega)": world.otto,
        "nina (no role)": world.nina,
        "anonymous": None,
    }
    client = Client()
    failures, checked = [], 0
    for role, user in roles.items():
        _login(client, user)
        for route, name, _pattern in url_patterns():
            if name == "accounts:logout":
                continue
            finder = TARGETS.get(name)
            if name in PUBLIC:
                kwargs = PUBLIC_TARGETS[name](world.demo) if name in PUBLIC_TARGETS else {}
                failures += _check_no_private_data(client, role, build_path(route, kwargs), world)
                continue
            if finder is None:
                path = build_path(route, FIXED_PARAMETERS.get(name, {}))
                failures += _check_no_private_data(client, role, path, world)
                continue
            kwargs = finder(world.demo, None)
            assert kwargs, f"the demo has no object for {name}: extend the demo or the crawl"
            path = build_path(route, kwargs)
            for method in ("get", "post"):
                checked += 1
                response = getattr(client, method)(path)
                if (
                    user is None
                    and response.status_code == 302
                    and "/inloggen/" in response["Location"]
                ):
                    continue
                if response.status_code not in ALLOWED:
                    failures.append(
                        f"{role}: {method.upper()} {path} ({name}) gave {response.status_code}"
                    )
    assert checked > 500
    assert not failures, "\n".join(failures)


def test_a_group_member_does_not_reach_another_groups_objects(world):
    own = LocalGroup.objects.get(slug="walcheren")
    other = LocalGroup.objects.get(slug="amsterdam")
    roles = {
        "coordinator of Walcheren": User.objects.get(email=demo_email("coordinator.walcheren")),
        "volunteer of Walcheren": User.objects.get(email=demo_email("vrijwilliger.walcheren")),
    }
    assert own.organisation_id == other.organisation_id
    client = Client()
    failures, checked = [], set()
    for role, user in roles.items():
        _login(client, user)
        for route, name, _pattern in url_patterns():
            finder = TARGETS.get(name)
            if finder is None or name in PUBLIC:
                continue
            kwargs = finder(world.demo, other)
            if not kwargs:
                continue
            path = build_path(route, kwargs)
            for method in ("get", "post"):
                checked.add(name)
                response = getattr(client, method)(path)
                if response.status_code not in ALLOWED:
                    failures.append(
                        f"{role}: {method.upper()} {path} ({name}) gave {response.status_code}"
                    )
    assert len(checked) >= 25, sorted(checked)
    assert not failures, "\n".join(failures)


def _check_no_private_data(client, role, path, world):
    problems = []
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        if response.status_code >= 500:
            problems.append(f"{role}: {method.upper()} {path} gave {response.status_code}")
            continue
        if response.get("Content-Type", "").startswith(("text/", "application/json")):
            body = response.content.decode(errors="replace")
            leaked = [m for m in world.markers if m and m in body]
            if leaked:
                problems.append(f"{role}: {method.upper()} {path} shows {leaked[:2]}")
    return problems


def test_no_api_endpoint_gives_another_organisations_data(world):
    """Every operation of /api/v1/, as each role (session and API key) and anonymously: 404 (or
    401 without credentials), and no reference of the other organisation in any answer."""
    from samensterk.api import api
    from samensterk.intake.api import api_token_create

    signal = Signal.objects.filter(organisation=world.demo).first()
    values = {"reference": signal.reference}
    demo_references = set(
        Signal.objects.filter(organisation=world.demo).values_list("reference", flat=True)
    )
    token = api_token_create(organisation=world.alfa, name="crawl")[1]
    callers = {
        "API key of Alfa": (None, {"HTTP_AUTHORIZATION": f"Bearer {token}"}),
        "carla (session)": (world.carla, {}),
        "sanne (session)": (world.sanne, {}),
        "otto (session)": (world.otto, {}),
        "nina (session)": (world.nina, {}),
        "anonymous": (None, {}),
    }
    operations = api.get_openapi_schema()["paths"]
    assert len(operations) >= 4
    client = Client()
    failures = []
    for caller, (user, headers) in callers.items():
        _login(client, user)
        for route, methods in operations.items():
            path = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], route)
            query = {"organisation": world.demo.slug} if "open-data" in route else {}
            for method in methods:
                if method == "get":
                    response = client.get(path, query, **headers)
                else:
                    response = client.post(
                        path,
                        {"status": "in_behandeling"},
                        content_type="application/json",
                        **headers,
                    )
                body = response.content.decode()
                leaked = [r for r in demo_references if r in body]
                if leaked or response.status_code >= 500:
                    failures.append(f"{caller}: {method.upper()} {path} shows {leaked[:2]}")
                elif "{" in route and response.status_code not in (401, 404, 405):
                    failures.append(
                        f"{caller}: {method.upper()} {path} gave {response.status_code}"
                    )
    assert not failures, "\n".join(failures)
