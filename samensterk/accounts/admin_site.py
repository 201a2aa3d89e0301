"""The Django admin at /beheer/, scoped: an organisation's beheerder sees only their organisation.

Installation superusers see and change everything. A beheerder (OrganisationRole.ADMIN) may use
the admin for the objects of their own organisations; installation-wide facts (municipalities,
themes) are read-only for them. Permissions come from the memberships, not from Django's
per-model permission table, so that there is one access model (permissions.py).
"""

from functools import update_wrapper
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def scope_for(user):
    # Imported late: this module is loaded with the app registry, before the models.
    from .permissions import scope_for as _scope_for

    return _scope_for(user)


class SamenSterkAdminSite(admin.AdminSite):
    site_header = _("Samen Sterk – beheer")
    site_title = _("Samen Sterk beheer")
    index_title = _("Beheer")

    def has_permission(self, request):
        return request.user.is_active and scope_for(request.user).can_use_admin()

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            # Our own log-in page for visitors; the friendly 403 for people without the role.
            if not self.has_permission(request):
                if request.user.is_authenticated:
                    raise PermissionDenied
                return _to_login(request)
            try:
                return inner(request, *args, **kwargs)
            except PermissionDenied:
                # Inside the admin, what a beheerder may not see or do answers 404, as everywhere
                # else in the product.
                raise Http404 from None

        return update_wrapper(guarded, view)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            # Logged in without the right role: the friendly 403 page, not a second log-in form.
            raise PermissionDenied
        return _to_login(request)


def _to_login(request):
    return redirect(reverse("accounts:login") + "?" + urlencode({"next": request.get_full_path()}))


class SamenSterkAdminConfig(AdminConfig):
    default_site = "samensterk.accounts.admin_site.SamenSterkAdminSite"


def _organisation_id_of(obj, path: str):
    """Follow "group__organisation" on an object to the organisation's id."""
    parts = path.split("__")
    for part in parts[:-1]:
        obj = getattr(obj, part)
    return getattr(obj, parts[-1] + "_id")


class ScopedAdminMixin:
    """Permissions for ModelAdmin and inlines from the user's scope.

    organisation_path: how to reach the owning organisation from the model ("organisation",
    "group__organisation", or "" for the Organisation model itself); None for installation-wide
    models that a beheerder may only look at.
    """

    organisation_path: str | None = None
    # For inlines, Django passes the *parent* object to the permission checks.
    parent_organisation_path: str | None = None
    beheerder_may_add = True
    beheerder_may_delete = False

    def _in_scope(self, request, obj) -> bool:
        scope = scope_for(request.user)
        if scope.is_superuser or obj is None or self.organisation_path is None:
            return True
        path = self.parent_organisation_path or self.organisation_path
        if path == "":
            return obj.pk in scope.admin_organisation_ids
        return _organisation_id_of(obj, path) in scope.admin_organisation_ids

    def has_module_permission(self, request):
        return scope_for(request.user).can_use_admin()

    def get_object(self, request, object_id, from_field=None):
        # Django's admin answers an object outside get_queryset (another organisation's) with a
        # redirect to its index; here, as everywhere else in the product, with 404.
        found = super().get_object(request, object_id, from_field)
        if found is None:
            raise Http404
        return found

    def has_view_permission(self, request, obj=None):
        return scope_for(request.user).can_use_admin() and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        scope = scope_for(request.user)
        if scope.is_superuser:
            return True
        return (
            self.organisation_path is not None
            and bool(scope.admin_organisation_ids)
            and self._in_scope(request, obj)
        )

    def has_add_permission(self, request, obj=None):
        scope = scope_for(request.user)
        if scope.is_superuser:
            return True
        return (
            self.organisation_path not in (None, "")
            and self.beheerder_may_add
            and bool(scope.admin_organisation_ids)
        )

    def has_delete_permission(self, request, obj=None):
        scope = scope_for(request.user)
        if scope.is_superuser:
            return True
        return (
            self.organisation_path is not None
            and self.beheerder_may_delete
            and bool(scope.admin_organisation_ids)
            and self._in_scope(request, obj)
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = scope_for(request.user)
        if scope.is_superuser or self.organisation_path is None:
            return queryset
        ids = list(scope.admin_organisation_ids)
        if self.organisation_path == "":
            return queryset.filter(pk__in=ids)
        return queryset.filter(**{f"{self.organisation_path}__in": ids})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        limited = _limited_choices(db_field, request)
        if limited is not None:
            kwargs["queryset"] = limited
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _limited_choices(db_field, request):
    """Choices a beheerder may pick from: their own organisations and groups and people."""
    from .models import LocalGroup, Organisation, User

    scope = scope_for(request.user)
    if scope.is_superuser:
        return None
    ids = list(scope.admin_organisation_ids)
    model = db_field.remote_field.model
    if model is Organisation:
        return Organisation.objects.filter(pk__in=ids)
    if model is LocalGroup:
        return LocalGroup.objects.filter(organisation__in=ids)
    if model is User:
        return User.objects.filter(
            pk__in=User.objects.filter(group_memberships__group__organisation__in=ids).values("pk")
        ) | User.objects.filter(
            pk__in=User.objects.filter(organisation_memberships__organisation__in=ids).values("pk")
        )
    return None
