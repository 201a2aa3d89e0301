from django.contrib import admin

from samensterk.accounts.admin_site import ScopedAdminMixin

from .models import CalendarTheme, Publication, PublicationStatus


class PublicationInline(ScopedAdminMixin, admin.TabularInline):
    model = Publication
    organisation_path = "theme__organisation"
    parent_organisation_path = "organisation"
    beheerder_may_delete = True
    # The link to a knowledge item is made in the product (its choices are the organisation's
    # published items); here it is only shown.
    fields = ["planned_on", "channel", "title", "status", "item"]
    readonly_fields = ["item"]
    extra = 0


@admin.register(CalendarTheme)
class CalendarThemeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The communication calendar: themes with what is planned under them. A theme under which
    something was published cannot be deleted (switch it off instead)."""

    organisation_path = "organisation"
    beheerder_may_delete = True
    list_display = ["title", "starts_on", "ends_on", "active", "organisation"]
    list_filter = ["active", "organisation"]
    search_fields = ["title"]
    date_hierarchy = "starts_on"
    fields = ["organisation", "title", "description", "starts_on", "ends_on", "active"]
    inlines = [PublicationInline]
    actions = None  # no bulk delete past the check below

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.publications.filter(status=PublicationStatus.PUBLISHED).exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Publication)
class PublicationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    organisation_path = "theme__organisation"
    beheerder_may_delete = True
    list_display = ["title", "channel", "planned_on", "status", "theme"]
    list_filter = ["status", "channel"]
    search_fields = ["title", "theme__title"]
    fields = ["theme", "channel", "title", "planned_on", "status", "item"]
    readonly_fields = ["item"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from samensterk.accounts.admin_site import scope_for

        scope = scope_for(request.user)
        if db_field.name == "theme" and not scope.is_superuser:
            kwargs["queryset"] = CalendarTheme.objects.filter(
                organisation__in=list(scope.admin_organisation_ids)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
