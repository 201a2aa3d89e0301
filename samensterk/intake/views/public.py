"""The public pages: the meldknop (/meld/<group>/) and the tracking page (/volg/). No account."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt

from samensterk.accounts import selectors as account_selectors
from samensterk.accounts.models import LocalGroup
from samensterk.accounts.permissions import ANONYMOUS
from samensterk.privacy import ratelimit

from .. import disclosure, selectors, services, tasks
from ..forms import FORM_EXPIRED, AddInfoForm, MeldForm, TrackingCodeForm, WithdrawForm
from ..meldknop import meldknop_page
from ..models import Channel

TOO_MANY = _(
    "Er zijn net heel veel berichten verstuurd. Wacht even en probeer het later opnieuw. "
    "Je tekst staat er nog."
)
DATABASE_DOWN = _(
    "Het lukt nu even niet om je verhaal op te slaan. Dat ligt aan ons. "
    "Je tekst staat er nog. Probeer het over een paar minuten opnieuw."
)
CODE_UNKNOWN = _("We kennen deze volgcode niet. Kijk of je hem goed hebt overgenomen.")
CODE_TOO_MANY = _("Je hebt te vaak een code geprobeerd. Wacht een kwartier en probeer het opnieuw.")


def _frame_policy(response, group: LocalGroup, embed: bool):
    """Only the group's own websites may show the form in a frame; elsewhere nobody may."""
    if embed:
        origins = group.embed_origin_list
        # Remembered for the moment the database cannot be reached (see _keep_the_story).
        cache.set(_EMBED_ORIGINS_KEY.format(slug=group.slug), origins, 24 * 60 * 60)
        response._csp_replace = {"frame-ancestors": ["'self'", *origins]}
    return response


_EMBED_ORIGINS_KEY = "meldknop-embed-origins:{slug}"


@csrf_exempt  # embedded on other websites, where cookies are blocked: a signed form token instead
@xframe_options_exempt  # framing is governed by the CSP frame-ancestors of the group
def meldknop(request, slug):
    try:
        return _meldknop(request, slug)
    except DatabaseError:
        if request.method != "POST":
            raise
        return _keep_the_story(request, slug)


def _keep_the_story(request, slug):
    """The database cannot be reached at all: give the reporter their text back, calmly.

    Renders without the database: the form posts everything again as it was sent, so that
    trying again later needs one click, and the story stays visible to copy.
    """
    kept = [(k, v) for k, v in request.POST.lists() if k not in ("story", "website")]
    context = {
        "problem": DATABASE_DOWN,
        "story": request.POST.get("story", ""),
        "kept": [(k, value) for k, values in kept for value in values],
        "embed": request.GET.get("embed") == "1",
    }
    response = render(request, "intake/meld_unavailable.html", context, status=503)
    try:
        origins = cache.get(_EMBED_ORIGINS_KEY.format(slug=slug)) if context["embed"] else None
    except DatabaseError:  # the cache lives in the database unless CACHE_URL names another
        origins = None
    if origins:
        response._csp_replace = {"frame-ancestors": ["'self'", *origins]}
    return response


def _meldknop(request, slug):
    page = meldknop_page(slug)
    if page is None:
        raise Http404
    group, consent = page.group, page.consent
    embed = request.GET.get("embed") == "1"
    status = 200
    problem = None
    if request.method == "POST":
        form = MeldForm(request.POST, consent_text=consent)
        limit, window = settings.MELDKNOP_RATE
        if not ratelimit.allow(request, "meldknop", limit=limit, window=window):
            problem, status = TOO_MANY, 429
        elif form.is_valid():
            token = form.token_data(group.pk)
            shown = token and (
                consent  # nearly always the current wording; else the version that was shown
                if token.get("c") == consent.pk
                else group.organisation.consent_texts.filter(pk=token.get("c")).first()
            )
            if not token or not shown:
                problem, status = FORM_EXPIRED, 400
                form = _fresh_token_form(form, group, consent)
            elif selectors.submission_received(uuid.UUID(token["s"])):
                return _already_received(request, group, embed)
            else:
                try:
                    signal = _store(form, group, shown, uuid.UUID(token["s"]))
                except ValidationError as error:
                    for field, messages in error.message_dict.items():
                        for message in messages:
                            form.add_error(field if field in form.fields else None, message)
                except DatabaseError:
                    problem, status = DATABASE_DOWN, 503
                else:
                    if getattr(signal, "sent_before", False):  # sent twice at the same moment
                        return _already_received(request, group, embed)
                    receipt = _receipt(
                        request, page, embed, signal, contact_dropped=form.contact_dropped
                    )
                    return _frame_policy(receipt, group, embed)
        if status == 200 and form.errors:
            status = 400
    else:
        form = _empty_form_for(page, _new_token(group, consent))
    context = {
        "group": group,
        "form": form,
        "consent": consent,
        "embed": embed,
        "problem": problem,
    }
    response = render(request, "intake/meld_form.html", context, status=status)
    return _frame_policy(response, group, embed)


def _already_received(request, group, embed: bool):
    """Sent again (Back and send, on a shared computer too): one signal per form, and its
    tracking code, which opens the story, only on the first receipt."""
    context = {"group": group, "embed": embed, "already": True}
    return _frame_policy(render(request, "intake/meld_thanks.html", context), group, embed)


def _new_token(group, consent) -> str:
    """A form token for one new submission to this group, with the wording shown."""
    return MeldForm.make_token(uuid.uuid4(), group.pk, consent.pk)


def _empty_form_for(page, token: str) -> MeldForm:
    return MeldForm(
        consent_text=page.consent,
        initial={"form_token": token, "municipality": page.initial_municipality},
    )


def _receipt(request, page, embed: bool, signal, *, contact_dropped: bool = False):
    """The thank-you page with the tracking code; it says so when typed contact details were
    left out because the reporter answered "nee"."""
    contact = getattr(signal, "contact", None) if signal.consent_contact else None
    context = {
        "group": page.group,
        "embed": embed,
        "contact_dropped": contact_dropped,
        "emailed": bool(contact and contact.email),
        "contact": contact is not None,
        "status_mail": bool(contact and contact.email and contact.status_mail),
        "code": services.tracking_code_for(signal.submission_id),
    }
    return render(request, "intake/meld_thanks.html", context)


def _fresh_token_form(form, group, consent):
    data = form.data.copy()
    data["form_token"] = _new_token(group, consent)
    form = MeldForm(data, consent_text=consent)
    form.is_valid()  # show the reporter's text again, with any other problems
    return form


def _store(form, group, consent, submission_id):
    """signal_create stores the signal, its contact details and its event in one transaction
    of its own (no outer one: that would add a savepoint's round trips to every submission)."""
    data = form.cleaned_data
    place = form.fields["municipality"]
    signal = services.signal_create(
        organisation=group.organisation,
        group=group,
        channel=Channel.MELDKNOP,
        story=data["story"],
        municipality=data["municipality"],
        municipality_text="" if data["municipality"] else place.typed,
        suggested_municipality=place.suggestions[0] if place.suggestions else None,
        reporter_role=data["reporter_role"],
        consent_anonymous_use=data["consent_anonymous_use"],
        consent_share_national=data["consent_share_national"],
        consent_contact=data["consent_contact"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
        contact_status_mail=data["contact_status_mail"],
        consent_text=consent,
        submission_id=submission_id,
        # The honeypot was filled: a robot, or a person's autofill. Kept, and triage decides.
        suspected_spam=bool(data["website"].strip()),
    )
    contact = getattr(signal, "contact", None) if signal.consent_contact else None
    if contact is not None and not signal.suspected_spam:  # no mail to whom a robot typed in
        tasks.enqueue_on_commit(tasks.mail_receipt, contact.pk)
    return signal


# --- /volg/ ---------------------------------------------------------------------------------


def where_now(signal) -> str:
    """Who has the reporter's story now, in their words."""
    if signal.is_withdrawn:
        return ""
    office = signal.organisation.office_name
    if signal.group_id is None:
        return _("Je verhaal is bij %(office)s.") % {"office": office}
    if signal.handed_down:
        return _(
            "Je verhaal is doorgegeven aan %(group)s, zoals je goedvond. %(office)s heeft het ook."
        ) % {"group": signal.group.name, "office": office}
    if signal.shared_with_national:
        return _(
            "Je verhaal is bij %(group)s. Het is ook doorgegeven aan %(office)s, zoals je goedvond."
        ) % {"group": signal.group.name, "office": office}
    return _("Je verhaal is bij %(group)s.") % {"group": signal.group.name}


def _lookup_page(request, form, status=200):
    """The page that asks for the code. Whose signal it is, is not known yet: it links to the
    privacy statement of every organisation with a public form."""
    context = {
        "form": form,
        "privacy_organisations": account_selectors.organisations_with_public_forms(),
    }
    return render(request, "intake/track_lookup.html", context, status=status)


def track(request):
    """The reporter looks up their signal with the tracking code, adds to it or withdraws it."""
    if request.method != "POST":
        return _lookup_page(request, TrackingCodeForm())
    form = TrackingCodeForm(request.POST)
    if not form.is_valid():
        return _lookup_page(request, form, status=400)
    # Only wrong codes count: guessing is what the limit stops, not a reporter's busy visit.
    limit, window = settings.TRACKING_RATE
    if ratelimit.is_over(request, "volg", limit=limit, window=window):
        form.add_error("code", CODE_TOO_MANY)
        return _lookup_page(request, form, status=429)
    signal = selectors.signal_get_by_tracking_code(form.cleaned_data["code"])
    if signal is None:
        ratelimit.count(request, "volg", window=window)
        form.add_error("code", CODE_UNKNOWN)
        return _lookup_page(request, form, status=404)

    code = form.cleaned_data["code"]
    action = request.POST.get("action", "")
    add_form, withdraw_form, done, reach = None, WithdrawForm(), None, None
    if action == "add":
        add_form = AddInfoForm(request.POST)
        if add_form.is_valid():
            try:
                signal = services.signal_add_info(
                    signal=signal,
                    text=add_form.cleaned_data["text"],
                    seen=add_form.cleaned_data["seen"],
                )
            except ValidationError as error:
                add_form.add_error("text", " ".join(error.messages))
            else:
                add_form = None
                done = "added_before" if getattr(signal, "added_before", False) else "added"
    elif action == "withdraw":
        withdraw_form = WithdrawForm(request.POST)
        if withdraw_form.is_valid():
            reach = services.withdrawal_reach(signal)
            signal = services.signal_withdraw(signal=signal)
            done = "withdrawn"
    if add_form is None:
        add_form = AddInfoForm(initial={"seen": services.story_version(signal.story)})
    context = {
        "signal": signal,
        "reach": reach,
        "story": disclosure.story_text(ANONYMOUS, signal, disclosure.Purpose.TELLER),
        "where": where_now(signal),
        "code": code,
        "add_form": add_form,
        "withdraw_form": withdraw_form,
        "done": done,
    }
    return render(request, "intake/track_status.html", context)
