from django.contrib import admin

from samensterk.accounts.admin_site import ScopedAdminMixin, scope_for

from .models import Advocate, Presentation, RunSheetPart


@admin.register(Advocate)
class AdvocateAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The advocate pool: an organisation's beheerders change and switch off their own
    volunteers; one who had support requests cannot be deleted (switch off instead)."""

    organisation_path = "organisation"
    beheerder_may_delete = True
    list_display = ["name", "active", "availability", "organisation"]
    list_filter = ["active", "organisation"]
    search_fields = ["name"]
    fields = [
        "organisation", "name", "user", "municipalities", "themes", "laws", "trainings",
        "availability", "active",
    ]  # fmt: skip
    autocomplete_fields = ["municipalities"]
    filter_horizontal = ["themes", "trainings"]
    actions = None  # no bulk delete past the check below

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.requests.exists():
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        from samensterk.courses.models import CourseType

        scope = scope_for(request.user)
        if db_field.name == "trainings" and not scope.is_superuser:
            kwargs["queryset"] = CourseType.objects.filter(
                organisation__in=list(scope.admin_organisation_ids)
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class RunSheetPartInline(ScopedAdminMixin, admin.TabularInline):
    model = RunSheetPart
    organisation_path = "presentation__duo__organisation"
    parent_organisation_path = "duo__organisation"
    beheerder_may_delete = True
    fields = ["position", "what", "who", "minutes", "new_for_me"]
    extra = 0


@admin.register(Presentation)
class PresentationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """A duo's presentation with its run sheet: parts changed, reordered (the position) and
    removed here as in the product."""

    organisation_path = "duo__organisation"
    beheerder_may_add = False
    beheerder_may_delete = True
    list_display = ["title", "duo", "date"]
    search_fields = ["title", "duo__person_with", "duo__person_without"]
    fields = ["duo", "title", "audience", "date", "goal", "agreements"]
    readonly_fields = ["duo"]
    inlines = [RunSheetPartInline]
