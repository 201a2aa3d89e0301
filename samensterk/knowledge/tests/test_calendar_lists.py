"""The communication calendar kept up to date: themes and items changed, switched off and
removed (with a confirmation; a theme under which something went out only switched off), in
the product and the admin; coordinators read it without changing it."""

from datetime import date

from django.contrib.admin.models import LogEntry
from django.urls import reverse

from samensterk.knowledge.models import CalendarTheme, Publication
from samensterk.test import BaseTestCase


class CalendarListTests(BaseTestCase):
    def setUp(self):
        self.theme = CalendarTheme.objects.create(
            organisation=self.alfa, title="VN-verdrag", starts_on=date(2027, 11, 1),
            ends_on=date(2027, 11, 30),
        )  # fmt: skip
        self.item = Publication.objects.create(
            theme=self.theme, channel="website", title="Artikel", planned_on=date(2027, 11, 3)
        )
        self.calendar = reverse("knowledge:calendar") + "?jaar=2027"
        self.login(self.sanne)

    def test_change_and_switch_off_a_theme(self):
        url = reverse("knowledge:calendar_theme_edit", args=[self.theme.pk])
        self.assertContains(self.client.get(self.calendar), url)
        response = self.client.post(
            url, {"title": "VN-verdrag", "starts_on": "2027-11-30", "ends_on": "2027-11-01"}
        )
        self.assertContains(response, "Het einde moet na het begin liggen.", status_code=400)
        response = self.client.post(
            url, {"title": "Het VN-verdrag", "starts_on": "2027-11-01", "ends_on": "2027-12-15"}
        )
        self.assertRedirects(response, self.calendar + f"#thema-{self.theme.pk}")
        self.theme.refresh_from_db()
        self.assertEqual((self.theme.title, self.theme.active), ("Het VN-verdrag", False))
        page = self.client.get(self.calendar)
        self.assertContains(page, "(niet actief)")
        # No longer a choice for something new, still on the calendar with what it had.
        self.assertNotContains(page, f'<option value="{self.theme.pk}">', html=False)
        self.assertContains(page, "Artikel")
        # ... but an item under it keeps it when changed.
        edit = self.client.get(reverse("knowledge:publication_edit", args=[self.item.pk]))
        self.assertContains(edit, f'<option value="{self.theme.pk}" selected>')
        entry = LogEntry.objects.get(
            object_id=str(self.theme.pk), content_type__model="calendartheme"
        )
        self.assertEqual(entry.user, self.sanne)

    def test_change_and_remove_an_item(self):
        url = reverse("knowledge:publication_edit", args=[self.item.pk])
        data = {"theme": self.theme.pk, "channel": "facebook", "title": "Post",
                "planned_on": "2028-01-05", "status": "gepland"}  # fmt: skip
        response = self.client.post(url, data)
        self.assertContains(response, "buiten de periode van het thema", status_code=400)
        self.client.post(url, {**data, "planned_on": "2027-11-20"})
        self.item.refresh_from_db()
        self.assertEqual((self.item.title, self.item.channel), ("Post", "facebook"))
        delete = reverse("knowledge:publication_delete", args=[self.item.pk])
        self.assertContains(self.client.get(delete), "Post weghalen?")
        self.assertTrue(Publication.objects.exists())
        response = self.client.post(delete, follow=True)
        self.assertContains(response, "Weggehaald uit de kalender.")
        self.assertFalse(Publication.objects.exists())

    def test_remove_a_theme_only_while_nothing_went_out(self):
        delete = reverse("knowledge:calendar_theme_delete", args=[self.theme.pk])
        Publication.objects.filter(pk=self.item.pk).update(status="gepubliceerd")
        self.assertContains(self.client.get(delete), "Weghalen kan daarom niet")
        response = self.client.post(delete)
        self.assertContains(response, "Zet het thema op ‘niet actief’", status_code=400)
        self.assertTrue(CalendarTheme.objects.filter(pk=self.theme.pk).exists())
        Publication.objects.filter(pk=self.item.pk).update(status="gepland")
        self.assertContains(
            self.client.get(delete), "Wat bij dit thema gepland staat (1), gaat mee."
        )
        self.client.post(delete)
        self.assertFalse(CalendarTheme.objects.exists())
        self.assertFalse(Publication.objects.exists())

    def test_coordinators_read_only(self):
        self.login(self.carla)
        page = self.client.get(self.calendar)
        self.assertContains(page, "VN-verdrag")
        self.assertContains(page, "Artikel")
        for url in [
            reverse("knowledge:calendar_theme_edit", args=[self.theme.pk]),
            reverse("knowledge:publication_edit", args=[self.item.pk]),
            reverse("knowledge:publication_status", args=[self.item.pk]),
            "Iets plannen",
            "Thema toevoegen",
        ]:
            self.assertNotContains(page, url)
        self.assertContains(
            self.client.get(reverse("knowledge:list")), reverse("knowledge:calendar")
        )
        posted = self.client.post(
            reverse("knowledge:calendar"),
            {"form": "thema", "thema-title": "X", "thema-starts_on": "2027-01-01",
             "thema-ends_on": "2027-01-31"},
        )  # fmt: skip
        self.assertEqual(posted.status_code, 404)
        self.assertEqual(CalendarTheme.objects.count(), 1)
        # Another organisation's coordinator sees their own calendar, not this one.
        self.login(self.otto)
        self.assertNotContains(self.client.get(self.calendar), "VN-verdrag")

    def test_edit_urls_404_for_coordinators_and_others(self):
        for name, pk in [
            ("knowledge:calendar_theme_edit", self.theme.pk),
            ("knowledge:calendar_theme_delete", self.theme.pk),
            ("knowledge:publication_edit", self.item.pk),
            ("knowledge:publication_delete", self.item.pk),
        ]:
            for method in ["get", "post"]:
                self.assertNotFoundFor(
                    [self.carla, self.vince, self.otto, self.nina], method, reverse(name, args=[pk])
                )
        self.assertTrue(Publication.objects.exists())

    def test_admin(self):
        self.login(self.bea)
        for url in [
            reverse("admin:knowledge_calendartheme_changelist"),
            reverse("admin:knowledge_calendartheme_change", args=[self.theme.pk]),
            reverse("admin:knowledge_publication_changelist"),
            reverse("admin:knowledge_publication_change", args=[self.item.pk]),
        ]:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        Publication.objects.filter(pk=self.item.pk).update(status="gepubliceerd")
        delete = reverse("admin:knowledge_calendartheme_delete", args=[self.theme.pk])
        self.assertEqual(self.client.get(delete).status_code, 404)
        other = CalendarTheme.objects.create(
            organisation=self.omega, title="Omega", starts_on=date(2027, 1, 1),
            ends_on=date(2027, 1, 31),
        )  # fmt: skip
        change = reverse("admin:knowledge_calendartheme_change", args=[other.pk])
        self.assertEqual(self.client.get(change).status_code, 404)
