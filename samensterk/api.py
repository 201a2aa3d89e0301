"""The JSON API at /api/v1/ (OpenAPI description at /api/v1/openapi.json)."""

from ninja import NinjaAPI

from samensterk.intake.api import router as signals_router

api = NinjaAPI(
    title="Samen Sterk API",
    version="1",
    description=(
        "Signalen aanmaken, lezen en hun status veranderen. Authenticatie: een API-sleutel "
        "(Authorization: Bearer ...) van een organisatie of groep, of een ingelogde sessie. "
        "Open data (GET /open-data/signals) is openbaar, zonder sleutel."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/", signals_router)
