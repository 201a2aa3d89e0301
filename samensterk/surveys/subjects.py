"""What the questionnaires hold about a person, for data-subject requests (privacy.subjects):
members of the digital panel, and people invited by name and e-mail address to a round (panel
members' own invitations belong to their panel finding).

Erasing a panel member deletes them (services.panel_member_erase); erasing an invitation
empties its name and address (services.invitation_erase). Either way the personal link stops
working and the answers stay, without a name, so that the results and response rates of rounds
do not change.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.privacy.subjects import Finder, Finding, Record, confirmed

from . import services
from .models import Answer, Invitation, PanelMember

ANONYMOUS = gettext_lazy(
    "Deze vragenlijst is anoniem: de antwoorden zijn niet meer aan deze persoon te koppelen."
)


def _answers(invitation: Invitation) -> list[Record]:
    """The answers still linked to the invitee (an anonymous questionnaire cut the link when
    it was sent)."""
    response = getattr(invitation, "response", None)
    if response is None:
        return []
    answers = Answer.objects.filter(response=response).select_related("question")
    return [
        Record(
            kind="answer",
            reference=answer.question.key,
            title=answer.question.text,
            fields=[("value", _("Antwoord"), answer.value)],
        )
        for answer in answers.order_by("question__position", "question__pk")
    ]


def _invitation_record(invitation: Invitation) -> Record:
    survey_round = invitation.round
    return Record(
        kind="survey_invitation",
        reference=f"vragenlijst-uitnodiging-{invitation.pk}",
        title=_("Uitgenodigd voor ‘%(round)s’") % {"round": survey_round.title},
        fields=[
            ("questionnaire", _("Vragenlijst"), str(survey_round.questionnaire)),
            ("round", _("Ronde"), survey_round.title),
            ("name", _("Naam"), invitation.name),
            ("email", _("E-mailadres"), invitation.email),
            ("sent_at", _("Uitnodiging gestuurd"), invitation.sent_at),
            ("reminded_at", _("Herinnering gestuurd"), invitation.reminded_at),
            ("started_at", _("Begonnen"), invitation.started_at),
            ("completed_at", _("Ingevuld"), invitation.completed_at),
        ],
        parts=_answers(invitation),
        note=""
        if getattr(invitation, "response", None) or not invitation.completed_at
        else str(ANONYMOUS),
    )


def _invitations():
    return Invitation.objects.select_related("round__questionnaire", "response")


# --- Panel members --------------------------------------------------------------------------


def find_members(organisation, query, scope) -> list[Finding]:
    name = query.pick(name="name", email="email")
    if not name:
        return []
    rows = (
        PanelMember.objects.filter(query.field_q(name), organisation=organisation)
        .select_related("municipality")
        .order_by("name", "pk")
    )
    return [
        Finding(
            kind="panel_member",
            pk=member.pk,
            reference=f"panellid-{member.pk}",
            label=member.name,
            details=(
                f"{member.email} · {member.municipality.name} · {member.get_relation_display()}",
                _("afgemeld") if member.opted_out_at else _("doet mee"),
            ),
            url=reverse("surveys:panel"),
        )
        for member in confirmed(rows, query, name)
    ]


def export_members(findings, *, scope, query) -> list[Record]:
    members = PanelMember.objects.filter(pk__in=[f.pk for f in findings]).select_related(
        "municipality"
    )
    return [
        Record(
            kind="panel_member",
            reference=f"panellid-{member.pk}",
            title=_("In het digitale panel: %(name)s") % {"name": member.name},
            fields=[
                ("name", _("Naam"), member.name),
                ("email", _("E-mailadres"), member.email),
                ("municipality", _("Gemeente"), member.municipality.name),
                ("relation", _("Wie"), member.get_relation_display()),
                ("themes", _("Thema's"), sorted(t.name for t in member.themes.all())),
                ("consent_at", _("Toestemming gegeven"), member.consent_at),
                ("opted_out_at", _("Afgemeld"), member.opted_out_at),
                ("created_at", _("In het panel sinds"), member.created_at),
            ],
            parts=[
                _invitation_record(invitation)
                for invitation in _invitations().filter(panel_member=member).order_by("pk")
            ],
        )
        for member in members
    ]


def erase_members(findings, *, query, actor, note: str) -> None:
    for member in PanelMember.objects.filter(pk__in=[f.pk for f in findings]):
        services.panel_member_erase(member=member)


# --- People invited to a round --------------------------------------------------------------


def find_invitations(organisation, query, scope) -> list[Finding]:
    name = query.pick(name="name", email="email")
    if not name:
        return []
    rows = (
        Invitation.objects.filter(
            query.field_q(name),
            round__questionnaire__organisation=organisation,
            group__isnull=True,
            panel_member__isnull=True,
        )
        .select_related("round")
        .order_by("-round__opened_at", "pk")
    )
    return [
        Finding(
            kind="survey_invitation",
            pk=invitation.pk,
            reference=f"vragenlijst-uitnodiging-{invitation.pk}",
            label=_("Uitgenodigd voor ‘%(round)s’") % {"round": invitation.round.title},
            details=(
                ", ".join(v for v in (invitation.name, invitation.email) if v),
                _("ingevuld") if invitation.completed_at else _("niet ingevuld"),
            ),
            url=reverse("surveys:round_detail", args=[invitation.round_id]),
        )
        for invitation in confirmed(rows, query, name)
    ]


def export_invitations(findings, *, scope, query) -> list[Record]:
    invitations = _invitations().filter(pk__in=[f.pk for f in findings]).order_by("pk")
    return [_invitation_record(invitation) for invitation in invitations]


def erase_invitations(findings, *, query, actor, note: str) -> None:
    for invitation in Invitation.objects.filter(pk__in=[f.pk for f in findings]):
        services.invitation_erase(invitation=invitation)


PANEL = Finder(
    kind="panel_member",
    title=gettext_lazy("Leden van het digitale panel"),
    erases=gettext_lazy(
        "Het panellid wordt verwijderd en de persoonlijke link werkt niet meer. Gegeven "
        "antwoorden blijven, zonder naam, zodat de uitkomsten niet veranderen."
    ),
    find=find_members,
    export=export_members,
    erase=erase_members,
)

INVITATIONS = Finder(
    kind="survey_invitation",
    title=gettext_lazy("Uitgenodigd voor een vragenlijst"),
    erases=gettext_lazy(
        "Naam en e-mailadres worden gewist en de persoonlijke link werkt niet meer. Gegeven "
        "antwoorden blijven, zonder naam."
    ),
    find=find_invitations,
    export=export_invitations,
    erase=erase_invitations,
)
