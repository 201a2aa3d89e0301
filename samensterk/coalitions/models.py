"""Coalitions: organisations of one installation working together for a municipality or a theme
(the seeds' strategies 4 and 5, *samenwerken* and *coalities vormen*).

Nothing of an organisation reaches its partners unless someone of it chose to share it: an
organisation or person of its network register, or a dossier. Signals are never shared; the
partners see each other's signal figures only as suppressed aggregates (lib.suppression).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NEEDS_SUBJECT = _("Kies een gemeente, een thema of allebei.")


class Coalition(models.Model):
    name = models.CharField(_("naam"), max_length=150)
    purpose = models.TextField(_("wat willen we samen bereiken?"), max_length=3000, blank=True)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    theme = models.ForeignKey(
        "themes.Theme",
        verbose_name=_("thema"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_by = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # A local group's coordinators start coalitions for their own municipality; they (with the
    # organisation's national staff) then act for the organisation in it.
    group = models.ForeignKey(
        "accounts.LocalGroup",
        verbose_name=_("gestart door de groep"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False) | Q(theme__isnull=False),
                name="coalition_has_subject",
                violation_error_message=NEEDS_SUBJECT,
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coalitions:detail", args=[self.pk])


class MemberStatus(models.TextChoices):
    INVITED = "uitgenodigd", _("Uitgenodigd")
    MEMBER = "lid", _("Doet mee")


class CoalitionMember(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="coalition_memberships"
    )
    status = models.CharField(max_length=12, choices=MemberStatus, default=MemberStatus.INVITED)
    invited_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "organisation"], name="one_membership_per_coalition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.coalition}"


class SharedItem(models.Model):
    """One thing an organisation shares with a coalition: exactly one of the three."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="shared")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    stakeholder = models.ForeignKey(
        "network.Stakeholder",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coalition_shares",
    )
    person = models.ForeignKey(
        "network.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coalition_shares",
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coalition_shares",
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shared_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(stakeholder__isnull=False, person__isnull=True, dossier__isnull=True)
                    | Q(stakeholder__isnull=True, person__isnull=False, dossier__isnull=True)
                    | Q(stakeholder__isnull=True, person__isnull=True, dossier__isnull=False)
                ),
                name="shared_item_is_one_thing",
            ),
            models.UniqueConstraint(
                fields=["coalition", "stakeholder"], name="stakeholder_shared_once"
            ),
            models.UniqueConstraint(fields=["coalition", "person"], name="person_shared_once"),
            models.UniqueConstraint(fields=["coalition", "dossier"], name="dossier_shared_once"),
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.coalition}"

    def get_absolute_url(self) -> str:
        return reverse("coalitions:shared", args=[self.coalition_id, self.pk])

    @property
    def item(self):
        return self.stakeholder or self.person or self.dossier

    @property
    def key(self) -> str:
        if self.stakeholder_id:
            return f"o:{self.stakeholder_id}"
        if self.person_id:
            return f"p:{self.person_id}"
        return f"d:{self.dossier.reference}"


class PartnerInvitation(models.Model):
    """The e-mailed link with which the contact of a guest partner (an organisation without an
    installation of its own) makes a guest account. Only a hash of the token is kept; the task
    that sends the e-mail makes the token, so it is stored nowhere in plain text."""

    member = models.ForeignKey(
        CoalitionMember, on_delete=models.CASCADE, related_name="email_invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    contact_name = models.CharField(_("naam contactpersoon"), max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging voor een gastpartner")
        verbose_name_plural = _("uitnodigingen voor gastpartners")

    def __str__(self) -> str:
        return f"{self.email} → {self.member}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
