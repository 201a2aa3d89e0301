from samensterk.accounts.permissions import ANONYMOUS, scope_for
from samensterk.test import BaseTestCase


class ScopeTestCase(BaseTestCase):
    def test_a_coordinator_sees_and_manages_only_their_own_group(self):
        scope = scope_for(self.carla)
        self.assertTrue(scope.can_view_group(self.group_a))
        self.assertTrue(scope.can_manage_group(self.group_a))
        self.assertFalse(scope.can_view_group(self.group_b))
        self.assertFalse(scope.can_view_group(self.group_x))

    def test_a_volunteer_sees_but_does_not_manage_their_group(self):
        scope = scope_for(self.vince)
        self.assertTrue(scope.can_view_group(self.group_a))
        self.assertFalse(scope.can_manage_group(self.group_a))

    def test_national_staff_see_every_group_of_their_organisation_only(self):
        scope = scope_for(self.sanne)
        self.assertTrue(scope.can_view_group(self.group_a))
        self.assertTrue(scope.can_view_group(self.group_b))
        self.assertFalse(scope.can_view_group(self.group_x))
        self.assertFalse(scope.can_manage_group(self.group_a))
        self.assertFalse(scope.can_use_admin())

    def test_an_administrator_manages_the_groups_of_their_organisation(self):
        scope = scope_for(self.bea)
        self.assertTrue(scope.can_manage_group(self.group_b))
        self.assertFalse(scope.can_view_group(self.group_x))
        self.assertTrue(scope.can_use_admin())

    def test_someone_without_membership_sees_nothing(self):
        scope = scope_for(self.nina)
        self.assertFalse(scope.has_membership)
        self.assertFalse(scope.can_view_group(self.group_a))
        self.assertFalse(scope.can_view_organisation(self.alfa))

    def test_anonymous_and_inactive_users_have_the_empty_scope(self):
        from django.contrib.auth.models import AnonymousUser

        self.assertIs(scope_for(AnonymousUser()), ANONYMOUS)
        self.nina.is_active = False
        self.assertIs(scope_for(self.nina), ANONYMOUS)

    def test_the_scope_is_read_once_per_user_object(self):
        scope_for(self.carla)
        with self.assertNumQueries(0):
            scope_for(self.carla)

    def test_the_superuser_sees_everything(self):
        scope = scope_for(self.root)
        self.assertTrue(scope.can_view_group(self.group_x))
        self.assertTrue(scope.can_manage_group(self.group_x))


class OwningSideTests(BaseTestCase):
    """The owning-side rule is written once, in Scope; its Python and query forms agree."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from samensterk.test import make_signal

        cls.in_a = make_signal(cls.group_a)
        cls.in_b = make_signal(cls.group_b)
        cls.in_b_shared = make_signal(cls.group_b)
        cls.in_b_shared.shared_with_national = True  # handed over, with consent
        cls.in_b_shared.save(update_fields=["shared_with_national"])
        cls.national = make_signal(organisation=cls.alfa)
        cls.in_x = make_signal(cls.group_x)

    def test_who_owns_and_manages_which_signal(self):
        expected = {
            # user: (owns, manages, sees) as sets of signals
            "carla": ({"in_a"}, {"in_a"}, {"in_a"}),
            "vince": ({"in_a"}, set(), {"in_a"}),
            "bram": ({"in_b", "in_b_shared"}, {"in_b", "in_b_shared"}, {"in_b", "in_b_shared"}),
            "sanne": ({"national"}, {"national"}, {"national", "in_b_shared"}),
            "otto": ({"in_x"}, {"in_x"}, {"in_x"}),
            "nina": (set(), set(), set()),
        }
        names = ["in_a", "in_b", "in_b_shared", "national", "in_x"]
        from samensterk.intake.models import Signal

        for user_name, (owned, managed, seen) in expected.items():
            scope = scope_for(getattr(self, user_name))
            for name in names:
                signal = getattr(self, name)
                with self.subTest(user=user_name, signal=name):
                    self.assertEqual(scope.owns(signal), name in owned)
                    self.assertEqual(scope.can_manage(signal), name in managed)
                    in_owned_q = Signal.objects.filter(scope.owned_q(), pk=signal.pk).exists()
                    self.assertEqual(in_owned_q, name in owned)
                    visible = Signal.objects.filter(
                        scope.visible_q(shared_field="shared_with_national"), pk=signal.pk
                    ).exists()
                    self.assertEqual(visible, name in seen)

    def test_a_superuser_owns_everything(self):
        scope = scope_for(self.root)
        self.assertTrue(scope.owns(self.in_x) and scope.can_manage(self.national))
        self.assertEqual(scope.owned_q(), scope.visible_q())
