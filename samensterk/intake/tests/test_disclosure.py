"""The disclosure matrix, cell by cell: role × where the signal is × consent × purpose → the form
of the story and whether contact details are shown. The expected table is written out here on
its own, as docs/architecture.md states it; disclosure.py must agree with every cell."""

from itertools import product

from samensterk.accounts.permissions import scope_for
from samensterk.intake.disclosure import (
    Form,
    Purpose,
    contact_allowed,
    story_form,
    story_text,
    withdrawn_text,
)
from samensterk.intake.models import STORY_WAITING, Signal, Status
from samensterk.test import BaseTestCase, make_signal

# Where the signal is: (group key or None, handed_down, shared_with_national).
SITUATIONS = {
    "group": ("a", False, False),  # told to group A, not handed over
    "handed_up": ("a", False, True),  # told to group A, handed up to the national office
    "national": (None, False, True),  # told to the national office
    "handed_down": ("a", True, True),  # told to the national office, handed down to group A
}
T, R, N = "teller's side", "receiving side", "nobody"
# Who is on which side (carla coordinates group A, vince volunteers there, bram coordinates
# group B, sanne is national staff, bea the organisation's beheerder, otto of another
# organisation, nina without membership, root the installation's superuser).
TABLE = """
              carla vince bram sanne bea otto nina root
group           T     T    N    N     N   N    N    T
handed_up       T     T    N    R     R   N    N    T
national        N     N    N    T     T   N    N    T
handed_down     R     R    N    T     T   N    N    T
"""
_header, *_rows = (line.split() for line in TABLE.strip().splitlines())
ROLES = _header
SIDES = {
    row[0]: {
        role: {"T": T, "R": R, "N": N}[cell] for role, cell in zip(ROLES, row[1:], strict=True)
    }
    for row in _rows
}
MANAGERS = {"carla", "bram", "sanne", "bea", "otto", "root"}  # coordinators, staff, superuser

ON_SCREEN = {Purpose.PAGE, Purpose.LIST, Purpose.SEARCH, Purpose.SIMILAR, Purpose.API}
ON_SCREEN |= {Purpose.EXPORT_FULL}


def expected_form(situation, side, purpose, *, anonymous_use, contact, withdrawn) -> Form:
    if withdrawn:
        return Form.WITHDRAWN
    if purpose == Purpose.TELLER:
        return Form.TOLD
    if side == N or purpose in {Purpose.COALITION, Purpose.EMAIL}:
        return Form.NONE
    if purpose == Purpose.REPORT:
        return Form.PSEUDONYMISED if anonymous_use else Form.NONE
    if purpose in {Purpose.AGENDA, Purpose.EXPORT}:
        return Form.PSEUDONYMISED
    assert purpose in ON_SCREEN
    if side == T or (situation == "handed_down" and contact):
        return Form.TOLD
    return Form.PSEUDONYMISED


def expected_contact(situation, role, side, purpose, *, contact, withdrawn) -> bool:
    told = side == T or (side == R and situation == "handed_down")
    return (
        contact
        and not withdrawn
        and purpose in {Purpose.PAGE, Purpose.EXPORT_FULL}
        and role in MANAGERS
        and told
    )


class DisclosureMatrixTestCase(BaseTestCase):
    def signal(self, situation, *, anonymous_use, contact, withdrawn) -> Signal:
        group_key, handed_down, shared = SITUATIONS[situation]
        return Signal(
            organisation=self.alfa,
            group=self.group_a if group_key else None,
            handed_down=handed_down,
            shared_with_national=shared,
            consent_anonymous_use=anonymous_use,
            consent_contact=contact,
            status=Status.WITHDRAWN if withdrawn else Status.NEW,
            story="" if withdrawn else "Anke de Boer (06-41234567) wacht op de taxi.",
            story_pseudonymised="" if withdrawn else "[PERSOON-1] ([TELEFOON-1]) wacht op de taxi.",
        )

    def test_every_cell(self):
        cells = 0
        for situation, role, purpose, anonymous_use, contact, withdrawn in product(
            SITUATIONS, ROLES, Purpose, [False, True], [False, True], [False, True]
        ):
            side = SIDES[situation][role]
            signal = self.signal(
                situation, anonymous_use=anonymous_use, contact=contact, withdrawn=withdrawn
            )
            scope = scope_for(getattr(self, role))
            consent = {"anonymous_use": anonymous_use, "contact": contact, "withdrawn": withdrawn}
            where = f"{situation} / {role} / {purpose} / {consent}"
            self.assertEqual(
                story_form(scope, signal, purpose),
                expected_form(situation, side, purpose, **consent),
                where,
            )
            self.assertEqual(
                contact_allowed(scope, signal, purpose),
                expected_contact(
                    situation, role, side, purpose, contact=contact, withdrawn=withdrawn
                ),
                where,
            )
            cells += 1
        self.assertEqual(cells, 4 * 8 * len(Purpose) * 8)

    def test_the_text_follows_the_form(self):
        signal = self.signal("handed_up", anonymous_use=True, contact=False, withdrawn=False)
        carla, sanne, bram = (scope_for(u) for u in (self.carla, self.sanne, self.bram))
        self.assertIn("Anke de Boer", story_text(carla, signal, Purpose.PAGE))
        self.assertEqual(story_text(sanne, signal, Purpose.PAGE), signal.story_pseudonymised)
        self.assertEqual(story_text(bram, signal, Purpose.PAGE), "")
        signal.story_pseudonymised = ""  # the worker has yet to do it: nothing leaves
        self.assertEqual(story_text(sanne, signal, Purpose.PAGE), str(STORY_WAITING))
        withdrawn = self.signal("group", anonymous_use=True, contact=True, withdrawn=True)
        self.assertEqual(story_text(carla, withdrawn, Purpose.AGENDA), withdrawn_text())

    def test_the_query_form_agrees_with_the_rule(self):
        """Search matches the original text only where the rule shows it as told."""
        from samensterk.intake.disclosure import told_q
        from samensterk.intake.services import signal_handover_to_group

        for situation, contact in product(SITUATIONS, [False, True]):
            group_key, handed_down, shared = SITUATIONS[situation]
            signal = make_signal(
                self.group_a if group_key and not handed_down else None,
                organisation=self.alfa,
                consent_contact=contact,
                contact_email="x@example.org" if contact else "",
                consent_share_group=True,
            )
            if handed_down:
                signal_handover_to_group(signal=signal, group=self.group_a, actor=None)
            elif shared:
                Signal.objects.filter(pk=signal.pk).update(shared_with_national=True)
        signals = list(Signal.objects.all())
        for role in ROLES:
            scope = scope_for(getattr(self, role))
            expected = {s.pk for s in signals if story_form(scope, s, Purpose.PAGE) == Form.TOLD}
            found = set(Signal.objects.filter(told_q(scope)).values_list("pk", flat=True))
            self.assertEqual(found, expected, role)
