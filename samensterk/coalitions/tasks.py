"""E-mails of coalitions, run by the task worker (django-tasks; the tests run them at once).

The invitation of a partner without an account goes to an address that has no account yet, so
it is sent here directly (not through anyone's notification settings). The task makes the link's
token itself: the token is then only in the e-mail, never in the task's stored arguments.
A failed e-mail enqueues itself again, later, as intake's e-mails do.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from samensterk.accounts.models import hash_token
from samensterk.lib.tasks import again

from .models import MemberStatus, PartnerInvitation

logger = logging.getLogger(__name__)


def partner_invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("coalitions:partner_invitation", args=[token])


@task()
def mail_partner_invitation(invitation_id: int, attempt: int = 1) -> bool:
    """The e-mail with the link to make a guest account."""
    with transaction.atomic():
        invitation = (
            PartnerInvitation.objects.select_for_update(of=("self",))
            .select_related("member__coalition", "member__organisation", "invited_by")
            .filter(
                pk=invitation_id,
                accepted_at__isnull=True,
                member__status=MemberStatus.INVITED,
            )
            .first()
        )
        if invitation is None or invitation.is_expired:  # answered or withdrawn meanwhile
            return False
        token = PartnerInvitation.new_token()
        invitation.token_hash = hash_token(token)
        invitation.save(update_fields=["token_hash"])
    context = {
        "invitation": invitation,
        "coalition": invitation.member.coalition,
        "organisation": invitation.member.organisation,
        "url": partner_invitation_url(token),
        "expires": timezone.localtime(invitation.expires_at),
    }
    subject = render_to_string("coalitions/email/partner_invitation_subject.txt", context)
    body = render_to_string("coalitions/email/partner_invitation_body.txt", context)
    try:
        send_mail(subject.strip(), body, None, [invitation.email], fail_silently=False)
    except Exception:  # any mail failure: the invitation stands, the e-mail comes later
        logger.warning("Partner invitation %s not sent.", invitation_id, exc_info=True)
        again(mail_partner_invitation, invitation_id, attempt=attempt)
        return False
    PartnerInvitation.objects.filter(pk=invitation_id).update(sent_at=timezone.now())
    return True
