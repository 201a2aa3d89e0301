"""The board agenda: which signals it holds, the board's notes and 'besproken' per item."""

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from docx import Document

from samensterk.intake import agenda as agendas
from samensterk.intake.models import AgendaRun, Signal, SignalEvent, Status
from samensterk.test import BaseTestCase, make_signal


def days_ago(days):
    return timezone.now() - timedelta(days=days)


class AgendaRuleTestCase(BaseTestCase):
    def setUp(self):
        self.recent = make_signal(self.group_a, story="Recent verhaal.", received_at=days_ago(10))
        self.old = make_signal(self.group_a, story="Oud verhaal.", received_at=days_ago(400))
        self.closed = make_signal(
            self.group_a, story="Al besproken.", received_at=days_ago(5), status=Status.DISCUSSED
        )

    def candidates(self):
        return set(agendas.agenda_candidates(self.group_a))

    def test_the_first_agenda_holds_the_open_signals_of_the_last_weeks(self):
        self.assertEqual(self.candidates(), {self.recent})
        rule = agendas.agenda_rule(self.group_a)
        self.assertTrue(rule.first)
        self.assertEqual(agendas.older_open_count(self.group_a, rule), 1)

    def test_after_a_discussed_agenda_only_what_came_in_since(self):
        agenda = agendas.agenda_create(group=self.group_a, actor=self.carla)
        # Made again before the meeting: the same signals.
        self.assertEqual(self.candidates(), {self.recent})
        agendas.agenda_mark_discussed(agenda=agenda, actor=self.carla)
        self.assertEqual(self.candidates(), set())
        # A paper form typed in after the meeting, dated before it, still comes on.
        paper = make_signal(self.group_a, story="Papieren formulier.", received_at=days_ago(30))
        self.assertEqual(self.candidates(), {paper})
        self.assertFalse(agendas.agenda_rule(self.group_a).first)

    def test_put_back_on_purpose_comes_on_once_whatever_its_status(self):
        self.login(self.carla)
        for signal in (self.old, self.closed):
            response = self.client.post(
                reverse("intake:signal_agenda_again", args=[signal.reference])
            )
            self.assertEqual(response.status_code, 302)
        self.assertEqual(self.candidates(), {self.recent, self.old, self.closed})
        self.assertTrue(
            SignalEvent.objects.filter(signal=self.old, kind=SignalEvent.Kind.AGENDA_AGAIN).exists()
        )
        page = self.client.get(reverse("intake:group_agenda", args=["groep-a"]))
        self.assertContains(page, "weer op de agenda")
        agenda = agendas.agenda_create(group=self.group_a, actor=self.carla)
        detail = self.client.get(reverse("intake:agenda_detail", args=[agenda.reference]))
        self.assertContains(detail, "weer op de agenda", count=2)
        agendas.agenda_mark_discussed(agenda=agenda, actor=self.carla)
        self.old.refresh_from_db()
        self.assertIsNone(self.old.agenda_again_at)
        self.assertEqual(self.candidates(), set())
        # The discussed agenda still shows why they were on it.
        detail = self.client.get(reverse("intake:agenda_detail", args=[agenda.reference]))
        self.assertContains(detail, "weer op de agenda", count=2)

    def test_the_page_explains_the_rule(self):
        self.login(self.carla)
        page = self.client.get(reverse("intake:group_agenda", args=["groep-a"]))
        self.assertContains(page, "Dit wordt de eerste agenda van de groep")
        self.assertContains(page, "1 ouder open signaal staat er niet op.")

    def test_putting_back_another_groups_signal_is_404(self):
        other = make_signal(self.group_b, story="Verhaal van Walcheren.")
        url = reverse("intake:signal_agenda_again", args=[other.reference])
        self.assertNotFoundFor([self.carla, self.vince, self.otto], "post", url)
        self.login(self.bram)
        self.assertEqual(self.client.get(url).status_code, 405)
        other.refresh_from_db()
        self.assertIsNone(other.agenda_again_at)


class AgendaItemTestCase(BaseTestCase):
    def setUp(self):
        self.first = make_signal(self.group_a, story="De taxi kwam niet.")
        self.second = make_signal(self.group_a, story="Geen plek op de dagbesteding.")
        self.agenda = agendas.agenda_create(group=self.group_a, actor=self.carla)
        self.login(self.carla)

    def item_url(self, signal, agenda=None):
        return reverse(
            "intake:agenda_item", args=[(agenda or self.agenda).reference, signal.reference]
        )

    def test_a_note_is_kept_with_the_signal_and_shown_on_the_agenda(self):
        response = self.client.post(self.item_url(self.first), {"note": "Doorgeven aan de raad."})
        self.assertEqual(response.status_code, 302)
        event = SignalEvent.objects.get(signal=self.first, kind=SignalEvent.Kind.AGENDA_NOTE)
        self.assertEqual(event.note, "Doorgeven aan de raad.")
        self.assertEqual(event.actor, self.carla)
        self.first.refresh_from_db()
        self.assertEqual(self.first.status, Status.NEW)  # a note alone is not 'besproken'
        detail = self.client.get(reverse("intake:signal_detail", args=[self.first.reference]))
        self.assertContains(detail, "Notitie of besluit van het bestuur")
        self.assertContains(detail, "Doorgeven aan de raad.")
        agenda_page = self.client.get(reverse("intake:agenda_detail", args=[self.agenda.reference]))
        self.assertContains(agenda_page, "Doorgeven aan de raad.")
        docx = self.client.get(
            reverse("intake:agenda_download", args=[self.agenda.reference, "docx"])
        )
        text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
        self.assertIn("Besluit of notitie: Doorgeven aan de raad.", text)

    def test_an_empty_note_stores_nothing(self):
        response = self.client.post(self.item_url(self.first), {"note": "  "}, follow=True)
        self.assertContains(response, "Schrijf eerst een notitie of besluit.")
        self.assertFalse(SignalEvent.objects.filter(kind=SignalEvent.Kind.AGENDA_NOTE).exists())

    def test_one_item_discussed_with_htmx_gives_back_the_item(self):
        response = self.client.post(
            self.item_url(self.first),
            {"note": "Bundelen met de andere taxiklachten.", "besproken": "1"},
            headers={"HX-Request": "true"},
        )
        self.assertContains(response, f'id="item-{self.first.reference}"')
        self.assertContains(response, "Bundelen met de andere taxiklachten.")
        self.assertNotContains(response, "<html")
        self.first.refresh_from_db()
        self.second.refresh_from_db()
        self.assertEqual(self.first.status, Status.DISCUSSED)
        self.assertEqual(self.second.status, Status.NEW)
        self.assertEqual(agendas.discussed_ids(self.agenda), {self.first.pk})
        # Then all at once: the other one; the first is not marked twice.
        self.client.post(reverse("intake:agenda_discussed", args=[self.agenda.reference]))
        self.second.refresh_from_db()
        self.assertEqual(self.second.status, Status.DISCUSSED)
        self.assertEqual(
            SignalEvent.objects.filter(
                signal=self.first, kind=SignalEvent.Kind.AGENDA_DISCUSSED
            ).count(),
            1,
        )
        self.assertEqual(agendas.discussed_ids(self.agenda), {self.first.pk, self.second.pk})

    def test_items_of_another_group_or_agenda_are_404(self):
        other = make_signal(self.group_b, story="Verhaal van Walcheren.")
        other_agenda = agendas.agenda_create(group=self.group_b, actor=self.bram)
        not_on_it = make_signal(self.group_a, story="Kwam later binnen.")
        for url in [
            self.item_url(other),  # not on this agenda
            self.item_url(not_on_it),
            self.item_url(other, other_agenda),  # another group's agenda
        ]:
            self.assertNotFoundFor([self.carla], "post", url, {"note": "x", "besproken": "1"})
        # Members who may read but not manage, and outsiders.
        self.assertNotFoundFor(
            [self.vince, self.bram, self.otto, self.nina],
            "post",
            self.item_url(self.first),
            {"note": "x", "besproken": "1"},
        )
        self.assertFalse(
            SignalEvent.objects.filter(
                kind__in=[SignalEvent.Kind.AGENDA_NOTE, SignalEvent.Kind.AGENDA_DISCUSSED]
            ).exists()
        )
        self.assertEqual(Signal.objects.filter(status=Status.DISCUSSED).count(), 0)


class AgendaWordTestCase(BaseTestCase):
    def test_the_word_file_is_a4(self):
        make_signal(self.group_a, story="De taxi kwam niet.")
        agenda = agendas.agenda_create(group=self.group_a, actor=self.carla)
        self.login(self.carla)
        response = self.client.get(
            reverse("intake:agenda_download", args=[agenda.reference, "docx"])
        )
        section = Document(io.BytesIO(response.content)).sections[0]
        self.assertEqual(round(section.page_width.cm, 1), 21.0)
        self.assertEqual(round(section.page_height.cm, 1), 29.7)
        self.assertEqual(round(section.left_margin.cm, 1), 2.0)
        self.assertEqual(AgendaRun.objects.count(), 1)
