"""The signals API: create (other systems, with an API token), list, read, change status.

A token belongs to an organisation (and optionally one group) and acts within that scope:
an organisation token like national staff, a group token like the group's coordinator. A
logged-in session acts as its user. The same selectors and services as the web.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja import Status as Respond
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from pydantic import AfterValidator, StrictBool, field_validator

from samensterk.accounts import two_factor
from samensterk.accounts.models import GroupRole, OrganisationRole
from samensterk.accounts.permissions import Scope, scope_for
from samensterk.places.selectors import municipality_lookup
from samensterk.themes.models import Theme

from . import disclosure, selectors, services
from .models import ApiToken, Channel, ReporterRole, Signal, Status

router = Router(tags=["signalen"])


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; Django's forms refuse it too (ProhibitNullCharacters).
    if "\x00" in value:
        raise ValueError("tekst met een NUL-teken (\\x00) kan niet")
    return value


# Every text that comes in through the API: refused with 422 when it holds a NUL character.
Text = Annotated[str, AfterValidator(_no_nul)]


def hash_api_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, organisation, name: str, group=None) -> tuple[ApiToken, str]:
    """A new token; the plain token is returned once and only its hash is stored."""
    token = "ss_" + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        organisation=organisation, group=group, name=name, token_hash=hash_api_token(token)
    )
    return record, token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        record = (
            ApiToken.objects.select_related("organisation", "group")
            .filter(token_hash=hash_api_token(token), revoked_at__isnull=True)
            .first()
        )
        if record is None:
            return None
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
        request.api_token = record
        return record


class VerifiedSessionAuth(SessionAuth):
    """A logged-in session, but only once it passed the second log-in step where that applies."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None or two_factor.next_step(user) is not None:
            return None
        return user


AUTH = [TokenAuth(), VerifiedSessionAuth()]


def _scope(request) -> Scope:
    token = getattr(request, "api_token", None)
    if token is None:
        return scope_for(request.user)
    if token.group_id:
        return Scope(
            user_id=None,
            group_roles={token.group_id: GroupRole.COORDINATOR},
            group_organisations={token.group_id: token.organisation_id},
        )
    return Scope(user_id=None, organisation_roles={token.organisation_id: OrganisationRole.STAFF})


def _actor(request):
    return None if getattr(request, "api_token", None) else request.user


class ErrorOut(Schema):
    # A sentence, or (for 422 from input validation) the list of what was wrong per field.
    detail: str | dict | list[dict]


class SignalIn(Schema):
    text: Text = Field(..., min_length=1, max_length=10_000, description="Het verhaal")
    group: Text | None = Field(None, description="slug van de lokale groep; leeg: landelijk bureau")
    municipality: Text | None = Field(None, description="naam of CBS-code")
    reporter_role: ReporterRole = ReporterRole.UNKNOWN
    channel: Channel = Channel.IMPORT
    theme: Text | None = Field(None, description="themacode")
    received_at: datetime | None = None
    external_id: Text = Field("", max_length=64)
    # Strict: consent is true or false, never a 0, 1 or "yes" that happens to convert.
    consent_anonymous_use: StrictBool = False
    consent_share_national: StrictBool = False
    consent_contact: StrictBool = False
    contact_email: Text = Field("", max_length=254)
    contact_phone: Text = Field("", max_length=30)

    @field_validator("received_at", mode="before")
    @classmethod
    def _date_as_text(cls, value):
        # Not a number of seconds that happens to convert: ISO 8601, as the schema says.
        if value is not None and not isinstance(value, str | datetime):
            raise ValueError("gebruik een datum en tijd als tekst, bijvoorbeeld 2026-03-01T10:00")
        return value


class SignalOut(Schema):
    reference: str
    received_at: datetime
    channel: str
    status: str
    group: str | None
    municipality: str | None
    municipality_code: str | None
    theme: str | None
    reporter_role: str
    text: str
    consent_anonymous_use: bool
    consent_share_national: bool


class CreatedOut(SignalOut):
    tracking_code: str


class StatusIn(Schema):
    status: Status
    reason: Text = Field("", max_length=500)


class SignalPage(Schema):
    count: int
    items: list[SignalOut]


class ListFilters(Schema):
    status: Text = ""
    theme: Text = ""
    municipality: Text = Field("", description="CBS-code")
    group: Text = ""
    q: Text = Field("", max_length=200)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


def _out(scope: Scope, signal: Signal) -> dict:
    return {
        "reference": signal.reference,
        "received_at": signal.received_at,
        "channel": signal.channel,
        "status": signal.status,
        "group": signal.group.slug if signal.group else None,
        "municipality": signal.municipality.name if signal.municipality else None,
        "municipality_code": signal.municipality.code if signal.municipality else None,
        "theme": signal.theme.code if signal.theme else None,
        "reporter_role": signal.reporter_role,
        "text": selectors.story_for(scope, signal, disclosure.Purpose.API),
        "consent_anonymous_use": signal.consent_anonymous_use,
        "consent_share_national": signal.consent_share_national,
    }


API_FIELDS = {"story": "text"}  # service field names as the API calls them


def _validation_error(error: ValidationError) -> HttpError:
    detail = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    detail = {API_FIELDS.get(k, k): v for k, v in detail.items()}
    return HttpError(422, "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in detail.items()))


@router.post(
    "/signals", response={201: CreatedOut, 400: ErrorOut, 403: ErrorOut, 422: ErrorOut}, auth=AUTH
)
def create_signal(request, payload: SignalIn):
    scope = _scope(request)
    organisation, group = _owner_for_create(request, scope, payload.group)
    municipality = None
    if payload.municipality:
        municipality = municipality_lookup(payload.municipality)
        if municipality is None:
            raise HttpError(422, f"municipality: onbekende gemeente ‘{payload.municipality}’")
    theme = None
    if payload.theme:
        theme = Theme.objects.filter(code=payload.theme).first()
        if theme is None:
            raise HttpError(422, f"theme: onbekend thema ‘{payload.theme}’")
    if (
        payload.external_id
        and Signal.objects.filter(
            organisation=organisation, external_id=payload.external_id
        ).exists()
    ):
        raise HttpError(422, "external_id: bestaat al voor deze organisatie")
    try:
        with transaction.atomic():
            signal = services.signal_create(
                organisation=organisation,
                group=group,
                story=payload.text,
                channel=payload.channel,
                received_at=payload.received_at,
                reporter_role=payload.reporter_role,
                municipality=municipality,
                theme=theme,
                external_id=payload.external_id,
                consent_anonymous_use=payload.consent_anonymous_use,
                consent_share_national=payload.consent_share_national,
                consent_contact=payload.consent_contact,
                contact_email=payload.contact_email,
                contact_phone=payload.contact_phone,
                created_by=_actor(request),
            )
    except ValidationError as error:
        raise _validation_error(error) from None
    out = _out(scope, signal)
    out["tracking_code"] = services.tracking_code_for(signal.submission_id)
    return Respond(201, out)


def _owner_for_create(request, scope: Scope, group_slug: str | None):
    from samensterk.accounts.models import LocalGroup, Organisation

    token = getattr(request, "api_token", None)
    if token is not None:
        if token.group_id:
            if group_slug and group_slug != token.group.slug:
                raise HttpError(403, "Deze sleutel hoort bij een andere groep.")
            return token.organisation, token.group
        group = None
        if group_slug:
            group = LocalGroup.objects.filter(
                organisation=token.organisation, slug=group_slug
            ).first()
            if group is None:
                raise HttpError(422, f"group: onbekende groep ‘{group_slug}’")
        return token.organisation, group
    if group_slug:
        group = LocalGroup.objects.filter(slug=group_slug).first()
        if group is None or not scope.is_member_of(group):
            raise HttpError(422, f"group: onbekende groep ‘{group_slug}’")
        return group.organisation, group
    staff_orgs = sorted(scope.staff_organisation_ids)
    if len(staff_orgs) != 1:
        raise HttpError(422, "group: kies de groep van het signaal")
    return Organisation.objects.get(pk=staff_orgs[0]), None


@router.get("/signals", response={200: SignalPage, 422: ErrorOut}, auth=AUTH)
def list_signals(request, filters: Query[ListFilters]):
    scope = _scope(request)
    queryset = selectors.signal_list_in_scope(
        scope,
        selectors.SignalFilters(
            group=filters.group,
            status=filters.status,
            theme=filters.theme,
            municipality=filters.municipality,
            query=filters.q,
        ),
    )
    items = list(queryset[filters.offset : filters.offset + filters.limit])
    return {"count": queryset.count(), "items": [_out(scope, s) for s in items]}


@router.get(
    "/signals/{reference}", response={200: SignalOut, 404: ErrorOut, 422: ErrorOut}, auth=AUTH
)
def read_signal(request, reference: Text):
    scope = _scope(request)
    try:
        signal = selectors.signal_get_in_scope(scope, reference)
    except Http404:
        return Respond(404, {"detail": "Niet gevonden."})
    return Respond(200, _out(scope, signal))


@router.post(
    "/signals/{reference}/status",
    response={200: SignalOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=AUTH,
)
def change_status(request, reference: Text, payload: StatusIn):
    scope = _scope(request)
    try:
        signal = selectors.signal_get_in_scope(scope, reference)
    except Http404:
        return Respond(404, {"detail": "Niet gevonden."})
    if not selectors.can_manage(scope, signal):
        return Respond(403, {"detail": "Je mag de status van dit signaal niet veranderen."})
    try:
        signal = services.signal_transition(
            signal=signal, to_status=payload.status, reason=payload.reason, actor=_actor(request)
        )
    except ValidationError as error:
        raise _validation_error(error) from None
    signal = selectors.signal_get_in_scope(scope, reference)
    return Respond(200, _out(scope, signal))


class OpenDataMunicipality(Schema):
    code: str = Field(..., description="CBS-code, of 'onbekend' of 'overige' (samengeteld)")
    name: str
    total: int | None = Field(..., description="null: verborgen")
    themes: dict[str, int | None] = Field(..., description="themacode -> aantal (null: verborgen)")


class OpenDataTheme(Schema):
    code: str = Field(..., description="themacode, of 'zonder_thema' of 'overige'")
    name: str
    total: int | None = Field(..., description="null: verborgen")


class OpenDataName(Schema):
    code: str
    name: str


class OpenDataQuarterOut(Schema):
    quarter: str = Field(..., description="bijvoorbeeld 2026-K3")
    ready: bool = Field(..., description="false: wordt nog berekend (dan zonder cijfers)")
    made_at: str | None
    total: int | None = Field(..., description="null: verborgen")
    municipalities: list[OpenDataMunicipality]
    themes: list[OpenDataTheme]
    merged_municipalities: list[OpenDataName] = Field(..., description="samen in 'overige'")
    merged_themes: list[OpenDataName] = Field(..., description="samen in 'overige'")


class OpenDataOut(Schema):
    organisation: str
    name: str
    k: int = Field(..., description="aantallen kleiner dan k worden nooit getoond")
    explanation: str
    quarters: list[OpenDataQuarterOut] = Field(
        ..., description="afgesloten kwartalen, nieuwste eerst"
    )


@router.get(
    "/open-data/signals",
    response={200: OpenDataOut, 404: ErrorOut, 422: ErrorOut},
    summary="Open data: signalen per gemeente × thema per afgesloten kwartaal (openbaar)",
)
def open_data_signals(request, organisation: Text | None = None):
    """Public, without a key: the same as /open-data/<organisation>/signalen.json. Read from the
    quarters the worker worked out; a quarter not ready yet has `ready: false`. Without
    `organisation`, an API key's own organisation (as before the data was public)."""
    from samensterk.accounts.models import Organisation

    from .opendata import document, published

    if organisation:
        found = Organisation.objects.filter(slug=organisation).first()
    else:
        token = TokenAuth()(request)
        found = token.organisation if token else None
        if found is None:
            return Respond(422, {"detail": "organisation: kies de organisatie (slug)"})
    if found is None:
        return Respond(404, {"detail": "Niet gevonden."})
    return Respond(200, document(found, published(found)))
