"""The JSON API (django-ninja): typed schemas in, one service or selector call, explicit output.

OpenAPI schema at /api/openapi.json, interactive docs at /api/docs (served from local static files).
"""

from __future__ import annotations

from ninja import NinjaAPI, Schema

from synovia import __version__

api = NinjaAPI(
    title="Synovia API",
    version=__version__,
    description=(
        "Synovia's JSON API. Synovia gives no medical advice: it pre-screens, explains and "
        "records; decisions belong to clinicians."
    ),
    urls_namespace="api",
)


class HealthOut(Schema):
    status: str
    version: str


@api.get("/health", response=HealthOut, tags=["meta"], auth=None)
def health(request: object) -> HealthOut:
    """Liveness: the process answers and the URL map is loaded."""
    return HealthOut(status="ok", version=__version__)
