from django.contrib import admin

from samensterk.accounts.admin_site import ScopedAdminMixin

from .models import Trainer


@admin.register(Trainer)
class TrainerAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The trainer pool: an organisation's beheerders change and switch off their own trainers;
    one who is booked for a session, or gave one, cannot be deleted (switch off instead)."""

    organisation_path = "organisation"
    beheerder_may_delete = True
    list_display = ["name", "email", "active", "organisation"]
    list_filter = ["active", "organisation"]
    search_fields = ["name", "email"]
    fields = ["organisation", "name", "email", "qualified_for", "availability", "active"]
    filter_horizontal = ["qualified_for"]
    actions = None  # no bulk delete past the check below

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.sessions.exists():
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        from samensterk.accounts.admin_site import scope_for

        from .models import CourseType

        scope = scope_for(request.user)
        if db_field.name == "qualified_for" and not scope.is_superuser:
            kwargs["queryset"] = CourseType.objects.filter(
                organisation__in=list(scope.admin_organisation_ids)
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
