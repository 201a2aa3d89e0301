from django.contrib import admin

from samensterk.accounts.admin_site import ScopedAdminMixin

from .models import AuditLog


@admin.register(AuditLog)
class AuditLogAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Administrators read their organisation's audit log; nobody changes it."""

    organisation_path = "organisation"
    list_display = ["at", "actor", "action", "object_reference", "detail"]
    list_filter = ["action"]
    search_fields = ["object_reference", "actor__full_name", "actor__email"]
    date_hierarchy = "at"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
