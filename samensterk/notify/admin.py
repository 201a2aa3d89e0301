from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only, for installation superusers: notifications are personal, not an
    organisation's, so an organisation's beheerder does not see them."""

    list_display = ["created_at", "user", "address", "kind", "subject", "delivery", "sent_at"]
    list_filter = ["kind", "delivery"]
    search_fields = ["subject", "user__email", "user__full_name", "address"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
