"""Admin for installation-wide facts (municipalities, provinces, places, themes)."""

from django.http import Http404


class InstallationWideAdminMixin:
    """Everyone the admin site lets in (accounts.admin_site: superusers and an organisation's
    beheerders) may look; only an installation superuser changes them."""

    def has_module_permission(self, request):
        return True

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_object(self, request, object_id, from_field=None):
        # As everywhere in the product: what is not there answers 404, not a redirect.
        found = super().get_object(request, object_id, from_field)
        if found is None:
            raise Http404
        return found
