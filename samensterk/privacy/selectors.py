"""Permission-checked reads of privacy's own pages: the data-subject requests of an
organisation are for its national staff and administrators (and superusers); anyone else
gets 404."""

from django.http import Http404

from samensterk.accounts.models import Organisation
from samensterk.accounts.permissions import scope_for
from samensterk.accounts.selectors import staff_organisations


def subject_organisations(user):
    """The organisations whose data-subject requests the user handles; 404 for none."""
    organisations = list(staff_organisations(user))
    if not organisations:
        raise Http404
    return organisations


def subject_organisation(user, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not scope_for(user).is_staff_of(organisation.pk):
        raise Http404
    return organisation
