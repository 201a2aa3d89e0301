from django.contrib import admin

from samensterk.lib.admin import InstallationWideAdminMixin

from .models import Theme


@admin.register(Theme)
class ThemeAdmin(InstallationWideAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "active", "position"]
    list_editable = ["active", "position"]
    list_filter = ["active"]
    search_fields = ["name", "code", "description", "keywords"]

    def get_readonly_fields(self, request, obj=None):
        # The code is the stable identifier in imports, exports and the API.
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        # Retire a theme (uncheck "in gebruik") instead: old signals keep their theme.
        return False
