from django.contrib import admin

from samensterk.accounts.admin_site import ScopedAdminMixin

from .models import StakeholderType


@admin.register(StakeholderType)
class StakeholderTypeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The kinds of organisation in the register: each organisation's administrators add,
    rename and reorder their own (one in use cannot be deleted)."""

    organisation_path = "organisation"
    beheerder_may_delete = True
    list_display = ["name", "position", "organisation"]
    list_editable = ["position"]
    list_filter = ["organisation"]
    fields = ["organisation", "name", "position"]
