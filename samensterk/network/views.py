"""The network register: the list, organisations and people, and the contact log. Thin: the
rules live in services and selectors (others answer 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samensterk.lib.forms import add_service_errors
from samensterk.places.models import Municipality

from . import selectors, services
from .forms import ContactForm, PersonForm, RelationForm, StakeholderForm
from .grid import grid_context
from .models import Person, RelationKind, Stakeholder, StakeholderType
from .netmap import map_svg


@login_required
def register(request):
    municipality = None
    wanted = request.GET.get("gemeente", "")
    if wanted:
        municipality = Municipality.objects.filter(pk=wanted if wanted.isdigit() else 0).first()
        if municipality is None:
            raise Http404
    search = request.GET.get("zoek", "").strip()[:100]
    return render(
        request,
        "network/register.html",
        {
            "stakeholders": selectors.stakeholders_for_user(
                request.user, municipality=municipality, search=search
            )[:300],
            "people": selectors.people_for_user(
                request.user, municipality=municipality, search=search
            )[:300],
            "municipalities": selectors.register_municipalities(request.user),
            "municipality": municipality,
            "search": search,
            "due": selectors.keep_in_touch_due(request.user)[:20],
            "planned": selectors.planned_next_steps(request.user, municipality=municipality)[:10],
        },
    )


def _chosen_municipality(request):
    """The municipalities with entries the user sees, and the one asked for (?gemeente=, else
    the first); one the user does not see answers 404."""
    municipalities = list(selectors.register_municipalities(request.user))
    wanted = request.GET.get("gemeente", "")
    municipality = next((m for m in municipalities if str(m.pk) == wanted), None)
    if wanted and municipality is None:
        raise Http404
    if not wanted and municipalities:
        municipality = municipalities[0]
    return municipalities, municipality


@login_required
def grid(request):
    """The power/interest grid of one municipality's network (or of the entries without one)."""
    municipalities, municipality = _chosen_municipality(request)
    entries = selectors.grid_entries(request.user, municipality=municipality)
    place = municipality.name if municipality else _("landelijk en regionaal")
    title = _("Invloed en belang: %(place)s") % {"place": place}
    description = _(
        "%(n)s organisaties en mensen, geplaatst naar hun invloed op het beleid (van onder "
        "naar boven) en hun belang bij ons onderwerp (van links naar rechts)."
    ) % {"n": len(entries)}
    return render(
        request,
        "network/grid.html",
        {
            "municipalities": municipalities,
            "municipality": municipality,
            **grid_context(entries, title=title, description=description),
        },
    )


def _map(request) -> dict:
    """The map of the municipality asked for, as the page and its download show it."""
    municipalities, municipality = _chosen_municipality(request)
    nodes, edges = selectors.map_data(request.user, municipality=municipality, us_label=_("Wij"))
    place = municipality.name if municipality else _("landelijk en regionaal")
    title = _("Netwerkkaart: %(place)s") % {"place": place}
    description = _(
        "%(nodes)s organisaties en mensen en %(edges)s verbindingen: relaties, wie waar werkt "
        "en ons contact (gestippeld)."
    ) % {"nodes": len(nodes) - 1, "edges": len(edges)}
    kind_names = {kind.value: str(kind.label) for kind in RelationKind}
    kind_names["contact"] = _("ons contact")
    names = {node.key: node for node in nodes}
    return {
        "municipalities": municipalities,
        "municipality": municipality,
        "title": title,
        "svg": map_svg(nodes, edges, title=title, description=description, kind_names=kind_names)
        if len(nodes) > 1
        else "",
        "rows": [(names[e.source], e.label, names[e.target]) for e in edges],
    }


@login_required
def network_map(request):
    """The network map of one municipality (or of the entries without one)."""
    return render(request, "network/map.html", _map(request))


@login_required
def network_map_download(request):
    """The same map as an SVG file, to put in a presentation or a report."""
    context = _map(request)
    if not context["svg"]:
        raise Http404
    place = context["municipality"].name if context["municipality"] else "landelijk"
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + context["svg"],
        content_type="image/svg+xml; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"netwerkkaart-{slugify(place)}.svg"
    )
    return response


def _entry_form(request, *, model, instance=None):
    """Create or change an organisation or person: one form flow for both."""
    register = selectors.register_for(request.user)
    organisation = (
        instance.organisation if instance else selectors.register_organisation(request.user)
    )
    options = {"municipalities": register.municipalities(organisation.pk)}
    if model is Stakeholder:
        form_class = StakeholderForm
        options["kinds"] = StakeholderType.objects.filter(
            pk__in=[t.pk for t in services.types_for(organisation)]
        )
    else:
        form_class = PersonForm
        options["stakeholders"] = selectors.stakeholders_for_user(request.user).filter(
            organisation=organisation
        )
    entry = instance or model(organisation=organisation)
    initial = {}
    if instance is None and model is Person and request.GET.get("organisatie", "").isdigit():
        stakeholder = options["stakeholders"].filter(pk=request.GET["organisatie"]).first()
        if stakeholder is not None:
            initial = {"stakeholder": stakeholder, "municipality": stakeholder.municipality}
    form = form_class(request.POST or None, instance=entry, initial=initial, **options)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "confirmed"}
        try:
            saved = services.entry_save(
                register=register,
                entry=entry,
                data=data,
                actor=request.user,
                confirmed=form.cleaned_data["confirmed"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            name = "stakeholder_detail" if model is Stakeholder else "person_detail"
            return redirect(f"network:{name}", pk=saved.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "network/entry_form.html",
        {"form": form, "entry": instance, "is_person": model is Person},
        status=status,
    )


@login_required
def stakeholder_create(request):
    return _entry_form(request, model=Stakeholder)


@login_required
def stakeholder_edit(request, pk):
    return _entry_form(
        request, model=Stakeholder, instance=selectors.stakeholder_get_for_user(request.user, pk)
    )


@login_required
def person_create(request):
    return _entry_form(request, model=Person)


@login_required
def person_edit(request, pk):
    person = selectors.person_get_for_user(request.user, pk)
    if request.method == "GET":
        # The form shows the e-mail address and phone number: a look at them, as on the detail
        # page, goes into the audit log.
        selectors.person_contact_for_user(request.user, person)
    return _entry_form(request, model=Person, instance=person)


def _log_contact(request, *, person=None, stakeholder=None):
    """The contact form on a detail page: (form, saved?)."""
    form = ContactForm(
        request.POST if request.method == "POST" else None,
        with_stage=person is not None,
        initial={"date": timezone.localdate()},
    )
    if request.method != "POST" or not form.is_valid():
        return form, False
    try:
        services.contact_log(
            register=selectors.register_for(request.user),
            actor=request.user,
            data=form.cleaned_data,
            person=person,
            stakeholder=stakeholder,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return form, False
    messages.success(request, _("Het contact staat in het logboek."))
    return form, True


@login_required
def stakeholder_detail(request, pk):
    stakeholder = selectors.stakeholder_get_for_user(request.user, pk)
    form, saved = _log_contact(request, stakeholder=stakeholder)
    if saved:
        return redirect("network:stakeholder_detail", pk=pk)
    return render(
        request,
        "network/stakeholder_detail.html",
        {
            "stakeholder": stakeholder,
            "people": selectors.people_for_user(request.user).filter(stakeholder=stakeholder),
            "moments": selectors.contact_moments(request.user, stakeholder=stakeholder)[:100],
            "contact_form": form,
            **relation_context(request.user, stakeholder),
            "merge_choices": merge_choices(request.user, stakeholder),
        },
        status=400 if form.errors else 200,
    )


@login_required
def person_detail(request, pk):
    person = selectors.person_get_for_user(request.user, pk)
    form, saved = _log_contact(request, person=person)
    if saved:
        return redirect("network:person_detail", pk=pk)
    show_contact = request.GET.get("contactgegevens") == "1"
    return render(
        request,
        "network/person_detail.html",
        {
            "person": person,
            "show_contact": show_contact,
            "contact": (
                selectors.person_contact_for_user(request.user, person) if show_contact else None
            ),
            "moments": selectors.contact_moments(request.user, person=person)[:100],
            "contact_form": form,
            **relation_context(request.user, person),
            "merge_choices": merge_choices(request.user, person),
        },
        status=400 if form.errors else 200,
    )


def _relation_targets(user, entry) -> list[tuple[str, str]]:
    """Whom this entry can be related to: the other entries of its register the user sees."""
    stakeholders = selectors.stakeholders_for_user(user).filter(organisation=entry.organisation)
    people = selectors.people_for_user(user).filter(organisation=entry.organisation)
    own = selectors.entry_key(entry)
    return [(k, name) for k, name in
            [(f"o:{s.pk}", s.name) for s in stakeholders] + [(f"p:{p.pk}", p.name) for p in people]
            if k != own]  # fmt: skip


def relation_context(user, entry) -> dict:
    relations = [
        {
            "relation": relation,
            "outgoing": relation.source == entry,
            "other": relation.target if relation.source == entry else relation.source,
        }
        for relation in selectors.relations_of(user, entry)
    ]
    for item in relations:
        item["other_url"] = item["other"].get_absolute_url()
    return {
        "relations": relations,
        "relation_form": RelationForm(targets=_relation_targets(user, entry)),
        "entry_key": selectors.entry_key(entry),
    }


@login_required
@require_POST
def relation_create(request):
    source = selectors.entry_by_key(request.user, request.POST.get("van", ""))
    form = RelationForm(request.POST, targets=_relation_targets(request.user, source))
    if not form.is_valid():
        messages.error(request, _("Kies een soort relatie en met wie."))
        return redirect(source.get_absolute_url() + "#relaties")
    try:
        services.relation_add(
            register=selectors.register_for(request.user),
            actor=request.user,
            source=source,
            kind=form.cleaned_data["kind"],
            target=selectors.entry_by_key(request.user, form.cleaned_data["target"]),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De relatie is toegevoegd."))
    return redirect(source.get_absolute_url() + "#relaties")


@login_required
@require_POST
def relation_delete(request, pk):
    relation = selectors.relation_get_for_user(request.user, pk)
    back = selectors.entry_by_key(request.user, request.POST.get("van", ""))
    services.relation_remove(relation=relation)
    messages.success(request, _("De relatie is verwijderd."))
    return redirect(back.get_absolute_url() + "#relaties")


def merge_choices(user, entry) -> list[tuple[str, str]]:
    """Entries of the same kind in the same register and municipality: possible duplicates."""
    getter = (
        selectors.people_for_user if isinstance(entry, Person) else selectors.stakeholders_for_user
    )
    same = (
        getter(user)
        .filter(organisation=entry.organisation, municipality=entry.municipality)
        .exclude(pk=entry.pk)
    )
    return [(selectors.entry_key(other), other.name) for other in same[:200]]


@login_required
def merge(request):
    """Step one (GET): which two, and what will happen; step two (POST): merge them."""
    data = request.POST if request.method == "POST" else request.GET
    keep = selectors.entry_by_key(request.user, data.get("houden", ""))
    remove = selectors.entry_by_key(request.user, data.get("weg", ""))
    if request.method == "POST":
        try:
            services.entry_merge(
                register=selectors.register_for(request.user), keep=keep, remove=remove
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(removed)s is samengevoegd met %(kept)s.")
                % {"removed": remove.name, "kept": keep.name},
            )
        return redirect(keep.get_absolute_url())
    problem = None
    if type(keep) is not type(remove):
        problem = services.MERGE_OTHER_KIND
    elif keep.pk == remove.pk:
        problem = services.MERGE_SELF
    if problem:
        messages.error(request, str(problem))
        return redirect(keep.get_absolute_url())
    context = {
        "keep": keep,
        "remove": remove,
        "keep_key": selectors.entry_key(keep),
        "remove_key": selectors.entry_key(remove),
        "keep_url": keep.get_absolute_url(),
    }
    return render(request, "network/merge.html", context)
