"""Staff intake: phone calls, e-mails and paper forms typed in quickly; meeting mode."""

import uuid
from datetime import datetime, time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samensterk.accounts.permissions import scope_for
from samensterk.lib.forms import add_service_errors

from .. import selectors, services
from ..forms import MeetingForm, StaffIntakeForm
from ..models import Channel, Meeting, ReporterRole
from .owners import owner_choices, resolve_owner

CONTACT_NOT_KEPT = gettext_lazy(
    "De contactgegevens zijn niet bewaard: de melder wil geen contact. Zeg dat de melder "
    "alleen met de volgcode kan kijken hoe het gaat."
)


def _submission_id(request) -> uuid.UUID:
    try:
        return uuid.UUID(request.POST.get("submission", ""))
    except ValueError:
        return uuid.uuid4()


def _register(request, form: StaffIntakeForm, *, meeting: Meeting | None = None):
    """Create the signal from a valid form; returns it, or None with errors on the form."""
    data = form.cleaned_data
    organisation, group = resolve_owner(request.user, data["owner"])
    received_at = None
    if data.get("received_on"):
        received_at = datetime.combine(
            data["received_on"], time(12, 0), tzinfo=timezone.get_current_timezone()
        )
    try:
        return services.signal_create(
            organisation=organisation,
            group=group,
            channel=Channel.MEETING if meeting else data["channel"],
            story=data["story"],
            received_at=received_at
            or (
                datetime.combine(meeting.date, time(12, 0), tzinfo=timezone.get_current_timezone())
                if meeting
                else None
            ),
            reporter_role=data["reporter_role"],
            municipality=data["municipality"] or (meeting.municipality if meeting else None),
            theme=data["theme"],
            consent_anonymous_use=data["consent_anonymous_use"],
            consent_share_national=data["consent_share_national"],
            consent_contact=data["consent_contact"],
            consent_share_group=data["consent_share_group"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            consent_text=services.consent_text_current(organisation),
            follow_up_needed=data["follow_up_needed"],
            meeting=meeting,
            created_by=request.user,
            submission_id=_submission_id(request),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _saved_message(request, signal, form: StaffIntakeForm):
    messages.success(
        request,
        _("Opgeslagen: %(ref)s. Volgende melding. Volgcode voor de melder: %(code)s")
        % {"ref": signal.reference, "code": services.tracking_code_for(signal.submission_id)},
    )
    if form.contact_dropped:
        messages.info(request, CONTACT_NOT_KEPT)


# Submit buttons that fill in a suggestion instead of saving (without JavaScript; with it the
# same buttons fill the field in place): the form comes back with the choice filled.
PICKS = {"kies_thema": "theme", "kies_gemeente": "municipality"}


def _picked_form(request, owners) -> StaffIntakeForm | None:
    """The form again, unsaved, with a suggestion taken over; None if this was a save."""
    picks = [name for name in (*PICKS, "voorstel") if name in request.POST]
    if not picks:
        return None
    data = request.POST.copy()
    for name in picks:
        if name in PICKS:
            data[PICKS[name]] = request.POST[name][:100]
    form = StaffIntakeForm(owners=owners)
    form.initial = {name: data.get(name) for name in form.fields if name in data}
    return form


def suggestions_for(user, text: str) -> dict:
    """The themes and municipality the system proposes for a story being typed."""
    from samensterk.insight.services import annotate
    from samensterk.places.selectors import municipality_get
    from samensterk.themes.models import Theme

    text = (text or "")[:10_000]
    organisation_id = next(iter(scope_for(user).organisation_ids), None)
    found = annotate(organisation_id=organisation_id, text=text) if organisation_id else {}
    themes = {t.code: t for t in Theme.objects.active()}
    suggestions = [
        {
            **s,
            "pk": themes[s["code"]].pk,
            "name": themes[s["code"]].name,
            "percent": round(s["confidence"] * 100),
        }
        for s in found.get("theme_suggestions", [])
        if s["code"] in themes
    ][:3]
    # The best one always; others only when they stand a chance.
    suggestions = suggestions[:1] + [s for s in suggestions[1:] if s["percent"] >= 10]
    for key, suggestion in zip([1, 3, 4], suggestions, strict=False):
        suggestion["key"] = key  # Alt+1 the best theme, Alt+2 the municipality, then the others
    code = found.get("suggested_municipality_code")
    return {"suggestions": suggestions, "municipality": municipality_get(code) if code else None}


@login_required
def staff_intake(request):
    owners = owner_choices(request.user)
    if not owners:
        raise Http404
    duplicates, submission, live = [], uuid.uuid4(), {}
    if request.method == "POST":
        form = _picked_form(request, owners)
        if form is not None:
            submission = _submission_id(request)
            live = suggestions_for(request.user, request.POST.get("story", ""))
        else:
            form = StaffIntakeForm(request.POST, owners=owners)
            if form.is_valid():
                data = form.cleaned_data
                # A double click (the same submission) is stored once, without a warning.
                if not request.POST.get("toch_opslaan") and not selectors.submission_received(
                    _submission_id(request)
                ):
                    duplicates = selectors.possible_duplicates(
                        request.user,
                        story=data["story"],
                        email=data["contact_email"],
                        phone=data["contact_phone"],
                    )
                signal = None if duplicates else _register(request, form)
                if signal is not None:
                    _saved_message(request, signal, form)
                    # The next call: same line, same day, often the same kind of caller.
                    query = urlencode(
                        {
                            "voor": data["owner"],
                            "kanaal": data["channel"],
                            "rol": data["reporter_role"],
                            "datum": data["received_on"].isoformat() if data["received_on"] else "",
                            "volgende": "1",
                        }
                    )
                    return redirect(reverse("intake:staff_intake") + "?" + query)
            submission = _submission_id(request)
    else:
        form = StaffIntakeForm(
            owners=owners,
            initial={
                "owner": request.GET.get("voor", owners[0][0]),
                "channel": request.GET.get("kanaal", Channel.PHONE),
                "reporter_role": request.GET.get("rol", ReporterRole.UNKNOWN),
                "received_on": request.GET.get("datum") or None,
            },
        )
    if not form.is_bound:
        # Typing starts in the story; after a save the page says so there too.
        form.fields["story"].widget.attrs["autofocus"] = True
        if request.GET.get("volgende") and len(messages.get_messages(request)):
            form.fields["story"].widget.attrs["aria-describedby"] = "messages"
    context = {
        "form": form,
        "submission": submission,
        "recent": selectors.recent_registrations(request.user),
        "paper_mode": (request.GET.get("kanaal") or request.POST.get("channel")) == Channel.PAPER,
        "duplicates": duplicates,
        "municipality_suggestions": form.fields["municipality"].suggestions
        if form.is_bound and "municipality" in form.errors
        else [],
        **live,
    }
    return render(request, "intake/staff_intake.html", context)


@login_required
def meeting_list(request):
    owners = owner_choices(request.user)
    if not owners:
        raise Http404
    form = MeetingForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        organisation, group = resolve_owner(request.user, form.cleaned_data["owner"])
        meeting = form.save(commit=False)
        meeting.organisation = organisation
        meeting.group = group
        meeting.reference = services.unique_reference(Meeting, "B")
        meeting.created_by = request.user
        meeting.save()
        return redirect("intake:meeting_capture", reference=meeting.reference)
    context = {
        "form": form,
        "meetings": selectors.meetings_for_user(request.user),
    }
    return render(request, "intake/meeting_list.html", context)


@login_required
def meeting_capture(request, reference):
    """Meeting mode: the meeting is recorded once; signals are captured one after the other."""
    meeting = selectors.meeting_get_for_user(request.user, reference)
    owner = f"g:{meeting.group.slug}" if meeting.group_id else f"o:{meeting.organisation.slug}"
    owners = [c for c in owner_choices(request.user) if c[0] == owner]
    if not owners:
        raise Http404
    if request.method == "POST":
        data = request.POST.copy()
        data["owner"] = owner
        data["channel"] = Channel.MEETING
        form = StaffIntakeForm(data, owners=owners)
        if form.is_valid():
            signal = _register(request, form, meeting=meeting)
            if signal is not None:
                _saved_message(request, signal, form)
                return redirect("intake:meeting_capture", reference=meeting.reference)
    else:
        form = StaffIntakeForm(
            owners=owners,
            initial={
                "owner": owner,
                "channel": Channel.MEETING,
                "municipality": meeting.municipality,
            },
        )
    context = {
        "meeting": meeting,
        "form": form,
        "submission": uuid.uuid4(),
        "signals": selectors.meeting_signals(request.user, meeting),
    }
    return render(request, "intake/meeting_capture.html", context)


@login_required
@require_POST
def live_suggestions(request):
    """While staff type a story: the themes and municipality the system would propose (htmx)."""
    if not owner_choices(request.user):
        raise Http404
    return render(
        request,
        "intake/_live_suggestions.html",
        suggestions_for(request.user, request.POST.get("story", "")),
    )
