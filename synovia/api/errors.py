"""One error body for every answer of the API that is not a success:

``{"error": {"code": "not_found", "message": "...", "field": null}}``

``code`` is a stable machine word, ``message`` a sentence for a person (translated), ``field``
the input at fault (a body field, a query parameter, a header) or null. The exception handlers
of the API produce it for its own errors; :class:`ErrorBodyMiddleware` rewrites what Django
answers for an ``/api/`` address before the API runs (an unknown address, a method the
address does not take, a CSRF refusal).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    415: "unsupported_media_type",
    422: "invalid",
    428: "precondition_required",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None


class ErrorOut(Schema):
    error: ErrorDetail


class ApiError(Exception):
    """An answer other than success, with its status, code, message and field."""

    def __init__(self, status: int, message: str, *, code: str = "", field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.field = field
        self.headers: dict[str, str] = {}


def body(status: int, message: str, *, code: str = "", field: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code or CODES.get(status, "error"), "message": message, "field": field}}


def response(status: int, message: str, *, code: str = "", field: str | None = None) -> JsonResponse:
    return JsonResponse(body(status, message, code=code, field=field), status=status)


_PLACES = {"body", "payload", "query", "path", "header", "filters", "page"}


def field_of(loc: Any, tags: frozenset[str] = frozenset()) -> str | None:
    """The input a pydantic error location names: ``body.payload.cdai.tjc28`` -> ``tjc28``
    (``tags``: the tags of discriminated unions, which name no input)."""
    parts = [str(p) for p in (loc or []) if str(p) not in _PLACES and str(p) not in tags]
    return ".".join(parts) or None


class ErrorBodyMiddleware:
    """Give Django's own 4xx answers under ``/api/`` (no such address, a method not allowed,
    a CSRF refusal) the API's error body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        answer = self.get_response(request)
        if not request.path.startswith("/api/") or not 400 <= answer.status_code < 500:
            return answer
        data = _json_of(answer)
        if (isinstance(data, dict) and isinstance(data.get("error"), dict)) or getattr(
            answer, "streaming", False
        ):
            return answer
        messages = {
            404: _("There is no such address in the API."),
            405: _("This address does not take the %(method)s method.") % {"method": request.method},
            403: _("The request was refused (sign-in or CSRF check)."),
        }
        detail = data.get("detail") if isinstance(data, dict) else None
        message = (
            detail
            if isinstance(detail, str) and detail
            else messages.get(answer.status_code, _("The request was refused."))
        )
        replaced = response(answer.status_code, message)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in answer:
                replaced[header] = answer[header]
        return replaced


def _json_of(answer: HttpResponse) -> Any:
    if getattr(answer, "streaming", False) or not answer.get("Content-Type", "").startswith(
        "application/json"
    ):
        return None
    try:
        return json.loads(answer.content or b"null")
    except ValueError:
        return None
