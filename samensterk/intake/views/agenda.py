"""The board-meeting agenda, the paper form and the meldknop's embed code, per group."""

import re

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from samensterk.accounts import selectors as account_selectors
from samensterk.accounts.permissions import scope_for
from samensterk.lib import pdfs

from .. import agenda as agendas
from .. import selectors
from ..forms import PUBLIC_ROLE_CHOICES, EmbedSettingsForm, GroupContactForm
from ..meldknop import meldknop_page
from ..models import AgendaPdf, AgendaRun


def _agenda_for_member(user, reference, *, download=False) -> AgendaRun:
    agenda = AgendaRun.objects.select_related("group").filter(reference=reference).first()
    scope = scope_for(user)
    if agenda is None or not scope.can_view_group(agenda.group):
        raise Http404
    if download and not agendas.may_download(scope, agenda.group):
        raise Http404
    return agenda


@login_required
def group_agenda(request, slug):
    group = account_selectors.group_get_for_user(request.user, slug)
    can_manage = scope_for(request.user).can_manage_group(group)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        agenda = agendas.agenda_create(group=group, actor=request.user)
        return redirect("intake:agenda_detail", reference=agenda.reference)
    scope = scope_for(request.user)
    rule = agendas.agenda_rule(group)
    candidates, hidden = agendas.readable(scope, list(agendas.agenda_candidates(group, rule)))
    for signal in candidates:
        signal.put_back = signal.agenda_again_at is not None
    context = {
        "group": group,
        "can_manage": can_manage,
        "rule": rule,
        "first_weeks": agendas.FIRST_AGENDA_WEEKS,
        "older": agendas.older_open_count(group, rule),
        "themes": agendas.by_theme(candidates),
        "count": len(candidates),
        "put_back": sum(s.put_back for s in candidates),
        "hidden": hidden,
        "previous": group.agendas.order_by("-created_at")[:10],
    }
    return render(request, "intake/agenda.html", context)


@login_required
def agenda_detail(request, reference):
    agenda = _agenda_for_member(request.user, reference)
    scope = scope_for(request.user)
    context = agendas.agenda_context(agenda, scope)
    context["can_manage"] = scope.can_manage_group(agenda.group)
    context["can_download"] = agendas.may_download(scope, agenda.group)
    return render(request, "intake/agenda_detail.html", context)


@login_required
def agenda_download(request, reference, file_format):
    agenda = _agenda_for_member(request.user, reference, download=True)
    name = f"agenda-{agenda.group.slug}-{agenda.created_at:%Y-%m-%d}"
    if file_format == "pdf":
        return pdfs.download(
            request,
            model=AgendaPdf,
            owner_id=agenda.pk,
            html=agendas.agenda_print_html(agenda),
            task=agendas.agenda_pdf_make,
            filename=f"{name}.pdf",
            waiting_url=reverse("intake:agenda_pdf_wait", args=[agenda.reference]),
        )
    response = HttpResponse(
        agendas.agenda_docx(agenda),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def agenda_pdf_wait(request, reference):
    agenda = _agenda_for_member(request.user, reference, download=True)
    return pdfs.waiting_page(
        request,
        model=AgendaPdf,
        owner_id=agenda.pk,
        html=agendas.agenda_print_html(agenda),
        task=agendas.agenda_pdf_make,
        context={
            "title": _("Agenda als PDF"),
            "back_url": reverse("intake:agenda_detail", args=[agenda.reference]),
            "back_label": _("Terug naar de agenda"),
            "download_url": reverse("intake:agenda_download", args=[agenda.reference, "pdf"]),
        },
    )


@login_required
@require_POST
def agenda_discussed(request, reference):
    agenda = _agenda_for_member(request.user, reference)
    if not scope_for(request.user).can_manage_group(agenda.group):
        raise Http404
    marked = agendas.agenda_mark_discussed(agenda=agenda, actor=request.user)
    messages.success(
        request,
        ngettext(
            "%(n)d signaal staat nu op ‘besproken’.",
            "%(n)d signalen staan nu op ‘besproken’.",
            marked,
        )
        % {"n": marked},
    )
    return redirect("intake:agenda_detail", reference=agenda.reference)


@login_required
@require_POST
def agenda_item(request, reference, signal_reference):
    """The board's note or decision on one item, and/or 'besproken' for it (htmx: the item)."""
    agenda = _agenda_for_member(request.user, reference)
    scope = scope_for(request.user)
    if not scope.can_manage_group(agenda.group):
        raise Http404
    signal = agenda.signals.filter(reference=signal_reference).first()
    if signal is None or not agendas.readable(scope, [signal])[0]:
        raise Http404
    error = None
    try:
        agendas.agenda_item_update(
            agenda=agenda,
            signal=signal,
            actor=request.user,
            note=request.POST.get("note", ""),
            discussed=request.POST.get("besproken") == "1",
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.headers.get("HX-Request"):
        context = agendas.agenda_context(agenda, scope)
        item = next(s for _t, items in context["themes"] for s in items if s.pk == signal.pk)
        return render(
            request,
            "intake/_agenda_item.html",
            {
                "agenda": agenda,
                "signal": item,
                "can_manage": True,
                "error": error,
                "note_text": request.POST.get("note", "") if error else "",
                "saved": not error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("%(ref)s is bijgewerkt.") % {"ref": signal.reference})
    return redirect(
        reverse("intake:agenda_detail", args=[agenda.reference]) + f"#item-{signal.reference}"
    )


@login_required
@require_POST
def signal_agenda_again(request, reference):
    """'Weer op de agenda': the signal comes on the group's next board agenda."""
    signal = selectors.signal_get_for_user(request.user, reference)
    scope = scope_for(request.user)
    if signal.group_id is None or not selectors.can_manage(scope, signal):
        raise Http404
    if not scope.can_view_group(signal.group):
        raise Http404
    try:
        agendas.signal_agenda_again(
            signal=signal, actor=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(ref)s staat weer op de volgende agenda van %(group)s.")
            % {"ref": signal.reference, "group": signal.group.name},
        )
    return redirect("intake:signal_detail", reference=signal.reference)


def paper_form(request, slug):
    """The paper form of a group, to print and hand out: public like the form on /meld/, and
    showing only what that shows (the group's name, public contact details and address)."""
    page = meldknop_page(slug)
    if page is None:
        raise Http404
    group = page.group
    meld_url = settings.SITE_URL + reverse("intake:meldknop", args=[group.slug])
    context = {
        "group": group,
        "consent": page.consent,
        "explanation": paper_explanation(page.consent.explanation),
        "roles": [label for _value, label in PUBLIC_ROLE_CHOICES],
        "lines": range(7),
        "meld_url": meld_url,
        "qr": segno.make(meld_url, error="m").svg_data_uri(scale=4, border=0),
        "privacy_url": settings.SITE_URL
        + reverse("accounts:privacy_statement", args=[group.organisation.slug]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("intake/paper_form.html", context)
    # Anyone may ask for it and WeasyPrint takes a second: made once per version of its HTML.
    key = f"paper-form:{pdfs.fingerprint(html)}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = pdfs.html_to_pdf(html, accessible=True)
        cache.set(key, pdf, PAPER_FORM_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="meldformulier-{group.slug}.pdf"'
    return response


PAPER_FORM_CACHE_SECONDS = 7 * 24 * 60 * 60


def paper_explanation(explanation: str) -> str:
    """The consent explanation without what only the online form gives: paper reporters get
    no tracking code (the form says what they can do instead)."""
    sentences = re.split(r"(?<=[.!?])\s+", explanation.strip())
    return " ".join(s for s in sentences if "code" not in s.lower())


def embed_code(group, public_url: str) -> str:
    """What a group pastes into its own website: the frame, a link for where framing is refused
    (inside the frame for browsers that show it, and below it), and our script that gives the
    frame the form's height and scrolls to the thanks (static/meldknop/embed.js)."""
    name = escape(group.name)
    script_url = settings.SITE_URL + settings.STATIC_URL + "meldknop/embed.js"
    link = escape(_("Lukt het niet? Open het meldformulier"))
    return (
        f'<iframe src="{public_url}?embed=1" title="{escape(_("Meldknop"))} {name}" '
        'style="width:100%;height:1400px;border:0">'
        f'<a href="{public_url}">{escape(_("Open het meldformulier van"))} {name}</a></iframe>\n'
        f'<p><a href="{public_url}">{link}</a></p>\n'
        f'<script src="{script_url}" async></script>'
    )


@login_required
def meldknop_settings(request, slug):
    group = account_selectors.group_get_for_manager(request.user, slug)
    saving_contact = request.method == "POST" and "save_contact" in request.POST
    saving_sites = request.method == "POST" and not saving_contact
    form = EmbedSettingsForm(
        request.POST if saving_sites else None, initial={"embed_origins": group.embed_origins}
    )
    contact_form = GroupContactForm(
        request.POST if saving_contact else None, instance=group, prefix="contact"
    )
    if saving_sites and form.is_valid():
        group.embed_origins = form.cleaned_data["embed_origins"]
        group.save(update_fields=["embed_origins"])
        for line, origin in form.reduced:
            messages.info(
                request,
                _(
                    "Van “%(line)s” hebben we %(origin)s gemaakt. Het gaat om de website, "
                    "niet om één pagina: het formulier mag dan op elke pagina van die website."
                )
                % {"line": line, "origin": origin},
            )
        messages.success(request, _("De websites zijn opgeslagen."))
        return redirect("intake:meldknop_settings", slug=group.slug)
    if saving_contact and contact_form.is_valid():
        contact_form.save()
        messages.success(request, _("De gegevens voor melders zijn opgeslagen."))
        return redirect("intake:meldknop_settings", slug=group.slug)
    public_url = settings.SITE_URL + reverse("intake:meldknop", args=[group.slug])
    context = {
        "group": group,
        "form": form,
        "contact_form": contact_form,
        "public_url": public_url,
        "embed_code": embed_code(group, public_url),
        "button_code": f'<a href="{public_url}">Vertel wat er gebeurde</a>',
    }
    status = 400 if form.errors or contact_form.errors else 200
    return render(request, "intake/meldknop_settings.html", context, status=status)
