import json

from samensterk.intake.api import api_token_create
from samensterk.intake.models import Signal, Status
from samensterk.test import BaseTestCase, make_signal


class ApiTestCase(BaseTestCase):
    def setUp(self):
        self.group_token = api_token_create(
            organisation=self.alfa, group=self.group_a, name="site A"
        )[1]
        self.org_token = api_token_create(organisation=self.alfa, name="CRM")[1]
        self.omega_token = api_token_create(organisation=self.omega, name="Omega")[1]

    def call(self, method, path, token=None, data=None):
        headers = {"authorization": f"Bearer {token}"} if token else {}
        return getattr(self.client, method)(
            "/api/v1" + path,
            data=json.dumps(data) if data is not None else None,
            content_type="application/json",
            headers=headers,
        )

    def test_text_with_a_nul_character_is_refused_not_a_server_error(self):
        # Found by the fuzzing test: PostgreSQL cannot store or compare NUL in text.
        response = self.client.get(
            "/api/v1/signals",
            {"q": "bus\x00", "status": "nieuw\x00"},
            headers={"authorization": f"Bearer {self.org_token}"},
        )
        self.assertEqual(response.status_code, 422)
        response = self.call("get", "/signals/S-AAAA%00", self.org_token)
        self.assertEqual(response.status_code, 422)
        response = self.call("post", "/signals", self.group_token, {"text": "de bus\x00"})
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Signal.objects.exists())

    def test_another_system_creates_a_signal_with_a_group_token(self):
        response = self.call(
            "post",
            "/signals",
            self.group_token,
            {
                "text": "Via de website van de groep: de bus kwam niet.",
                "municipality": "Amsterdam",
                "reporter_role": "familie",
                "consent_anonymous_use": True,
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertRegex(body["tracking_code"], r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")
        signal = Signal.objects.get(reference=body["reference"])
        self.assertEqual((signal.group, signal.municipality.code), (self.group_a, "GM0363"))
        self.assertEqual(signal.events.get().kind, "created")

    def test_a_group_token_cannot_write_for_another_group(self):
        response = self.call(
            "post", "/signals", self.group_token, {"text": "x", "group": "groep-b"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Signal.objects.exists())

    def test_bad_input_is_a_dutch_422_and_stores_nothing(self):
        for payload in [
            {"text": "   "},
            {"text": "x", "municipality": "Atlantis"},
            {"text": "x", "theme": "onzin"},
            {"text": "x", "consent_contact": True, "contact_email": "geen"},
        ]:
            response = self.call("post", "/signals", self.group_token, payload)
            self.assertEqual(response.status_code, 422, payload)
        self.assertIn(
            "text:",
            self.call("post", "/signals", self.group_token, {"text": "  "}).json()["detail"],
        )
        self.assertFalse(Signal.objects.exists())

    def test_a_duplicate_external_id_is_refused(self):
        self.call("post", "/signals", self.org_token, {"text": "een", "external_id": "CRM-9"})
        response = self.call(
            "post", "/signals", self.org_token, {"text": "twee", "external_id": "CRM-9"}
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(Signal.objects.count(), 1)

    def test_tokens_read_only_within_their_scope(self):
        own = make_signal(self.group_a)
        other = make_signal(self.group_b)
        listed = {
            s["reference"] for s in self.call("get", "/signals", self.group_token).json()["items"]
        }
        self.assertEqual(listed, {own.reference})
        self.assertEqual(
            self.call("get", f"/signals/{other.reference}", self.group_token).status_code, 404
        )
        self.assertEqual(
            self.call("get", f"/signals/{own.reference}", self.omega_token).status_code, 404
        )

    def test_an_organisation_token_sees_group_signals_only_when_handed_over_and_then_pseudonymised(
        self,
    ):
        from samensterk.intake import services

        signal = make_signal(
            self.group_a, story="Piet Jansen wacht op de taxi.", consent_share_national=True
        )
        self.assertEqual(
            self.call("get", f"/signals/{signal.reference}", self.org_token).status_code, 404
        )
        services.signal_handover_to_national(signal=signal, actor=self.carla)
        body = self.call("get", f"/signals/{signal.reference}", self.org_token).json()
        self.assertEqual(body["text"], "[PERSOON-1] wacht op de taxi.")

    def test_status_changes_follow_the_workflow(self):
        signal = make_signal(self.group_a)
        response = self.call(
            "post", f"/signals/{signal.reference}/status", self.group_token, {"status": "afgerond"}
        )
        self.assertEqual(response.status_code, 422)
        response = self.call(
            "post",
            f"/signals/{signal.reference}/status",
            self.group_token,
            {"status": "in_behandeling"},
        )
        self.assertEqual(response.json()["status"], Status.IN_PROGRESS)

    def test_a_logged_in_volunteer_may_read_but_not_change_status(self):
        signal = make_signal(self.group_a)
        self.login(self.vince)
        self.assertEqual(self.call("get", f"/signals/{signal.reference}").status_code, 200)
        response = self.client.post(
            f"/api/v1/signals/{signal.reference}/status",
            data=json.dumps({"status": "in_behandeling"}),
            content_type="application/json",
        )
        self.assertIn(response.status_code, (403,))

    def test_no_or_a_wrong_token_is_401(self):
        self.assertEqual(self.call("get", "/signals").status_code, 401)
        self.assertEqual(self.call("get", "/signals", "ss_nope").status_code, 401)

    def test_a_revoked_token_no_longer_works(self):
        from django.utils import timezone

        from samensterk.intake.models import ApiToken

        ApiToken.objects.filter(name="site A").update(revoked_at=timezone.now())
        self.assertEqual(self.call("get", "/signals", self.group_token).status_code, 401)

    def test_the_openapi_description_is_served(self):
        spec = self.client.get("/api/v1/openapi.json").json()
        self.assertIn("/api/v1/signals", spec["paths"])
        self.assertIn("/api/v1/signals/{reference}/status", spec["paths"])
