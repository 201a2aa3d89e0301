from datetime import date

from django.urls import reverse

from samensterk.knowledge import calendar
from samensterk.knowledge.models import CalendarTheme, Publication
from samensterk.test import BaseTestCase


class CommunicationCalendarTests(BaseTestCase):
    def setUp(self):
        self.login(self.sanne)
        self.url = reverse("knowledge:calendar")

    def test_themes_items_per_channel_status_and_the_feed(self):
        response = self.client.post(
            self.url,
            {"form": "thema", "thema-title": "Mentorschap", "thema-starts_on": "2027-09-30",
             "thema-ends_on": "2027-09-01"},
        )  # fmt: skip
        self.assertContains(response, "Het einde moet na het begin liggen.", status_code=400)
        self.client.post(
            self.url,
            {"form": "thema", "thema-title": "Mentorschap", "thema-starts_on": "2027-09-01",
             "thema-ends_on": "2027-09-30"},
        )  # fmt: skip
        theme = CalendarTheme.objects.get()
        data = {"form": "publicatie", "item-theme": theme.pk, "item-channel": "facebook",
                "item-title": "Webinar mentorschap", "item-planned_on": "2027-11-02",
                "item-status": "idee"}  # fmt: skip
        response = self.client.post(self.url + "?jaar=2027", data)
        self.assertContains(
            response, "Deze datum valt buiten de periode van het thema", status_code=400
        )
        self.assertFalse(Publication.objects.exists())
        self.client.post(self.url + "?jaar=2027", {**data, "item-planned_on": "2027-09-12"})
        publication = Publication.objects.get()
        page = self.client.get(self.url, {"jaar": 2027})
        self.assertContains(page, "Webinar mentorschap")
        self.client.post(
            reverse("knowledge:publication_status", args=[publication.pk]), {"status": "gepland"}
        )
        publication.refresh_from_db()
        self.assertEqual(publication.status, "gepland")
        # The feed: a secret link that a calendar app reads without logging in.
        self.client.logout()
        token = calendar.feed_token(self.alfa)
        feed = self.client.get(reverse("knowledge:calendar_feed", args=[token]))
        text = feed.content.decode()
        self.assertIn("SUMMARY:Thema: Mentorschap", text)
        self.assertIn("Facebook: Webinar mentorschap (gepland)", text)
        self.assertEqual(
            self.client.get(reverse("knowledge:calendar_feed", args=["1-" + "0" * 24])).status_code,
            404,
        )

    def test_others_get_404(self):
        theme = CalendarTheme.objects.create(
            organisation=self.alfa,
            title="VN-verdrag",
            starts_on=date(2027, 11, 1),
            ends_on=date(2027, 11, 30),
        )
        publication = Publication.objects.create(
            theme=theme, channel="website", title="Artikel", planned_on=date(2027, 11, 3)
        )
        # Coordinators read the calendar (test_calendar_lists); volunteers and outsiders do not.
        self.assertNotFoundFor([self.vince, self.nina], "get", self.url)
        self.assertNotFoundFor(
            [self.carla, self.otto],
            "post",
            reverse("knowledge:publication_status", args=[publication.pk]),
            {"status": "gepubliceerd"},
        )
        publication.refresh_from_db()
        self.assertEqual(publication.status, "idee")
