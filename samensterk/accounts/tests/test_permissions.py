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
