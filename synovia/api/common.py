"""What every resource endpoint shares: roles, cursor pages, ETags, idempotent creates."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from synovia.access.door import Principal
from synovia.accounts.models import Role
from synovia.api.errors import ApiError, ErrorOut
from synovia.clinic import services

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")

#: Roles that read identifiable records through the API (scoped by the door: own clinic,
#: own record, every clinic for an administrator), as on the chart pages.
READERS = frozenset({Role.CLINICIAN, Role.COORDINATOR, Role.ADMIN, Role.PATIENT})
MAX_LIMIT = 200

# Every error an authenticated operation may answer, declared in the OpenAPI schema.
READ_ERRORS: dict[int, Any] = {s: ErrorOut for s in (400, 401, 403, 404, 422, 429)}
WRITE_ERRORS: dict[int, Any] = {s: ErrorOut for s in (400, 401, 403, 404, 409, 415, 422, 429)}
UPDATE_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 412: ErrorOut, 428: ErrorOut}


def require_role(who: Principal, roles: frozenset[str] = READERS) -> None:
    if who.user is None or who.role not in roles:
        raise ApiError(403, _("Your role cannot use this operation."))


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(None, description="pass as ?cursor= for the next page; null at the end")


class PageQuery(Schema):
    cursor: str | None = Field(None, max_length=40, description="from next_cursor of the previous page")
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"items per page, 1-{MAX_LIMIT}")


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"c1:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The id after which the page starts (0: the first page); a bad cursor is a 400."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    tag, _sep, number = text.partition(":")
    if tag != "c1" or not number.isdigit() or len(number) > 18:
        raise ApiError(400, _("This cursor is not valid; start again without it."), field="cursor")
    return int(number)


def page_of(
    query: PageQuery, fetch: Callable[[int, int], Sequence[M]], render: Callable[[M], Any]
) -> dict[str, Any]:
    """``fetch(after_id, n)`` returns up to n rows with id > after_id in id order."""
    after = decode_cursor(query.cursor)
    rows = list(fetch(after, query.limit + 1))
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    return {
        "items": [render(r) for r in rows],
        "next_cursor": encode_cursor(rows[-1].pk) if more and rows else None,
    }


# -- ETag / If-Match -------------------------------------------------------------------------


def version_of(obj: models.Model) -> int:
    """The row's version; for a row without one, its last change in microseconds."""
    version = getattr(obj, "version", None)
    if version is not None:
        return int(version)
    changed = getattr(obj, "updated_at", None)
    return int(changed.timestamp() * 1_000_000) if changed is not None else 1


def etag(obj: models.Model) -> str:
    return f'"{obj._meta.model_name}-{obj.pk}-v{version_of(obj)}"'


def with_etag(answer: HttpResponse, obj: models.Model) -> HttpResponse:
    answer["ETag"] = etag(obj)
    return answer


def check_if_match(request: HttpRequest, obj: models.Model) -> int:
    """The version the client saw, from ``If-Match``: 428 when missing, 412 when stale."""
    sent = request.headers.get("If-Match", "")
    if not sent:
        raise ApiError(
            428, _("Send If-Match with the ETag you read, so no one's change is lost."), field="If-Match"
        )
    tags = {t.strip().removeprefix("W/") for t in sent.split(",")}
    if etag(obj) not in tags and "*" not in tags:
        raise ApiError(
            412, _("The record changed since you read it; read it again and retry."), field="If-Match"
        )
    return version_of(obj)


# -- idempotent creates ----------------------------------------------------------------------


def create_once(request: HttpRequest, who: Principal, scope: str, create: Callable[[], M]) -> M:
    """Run ``create`` once per ``Idempotency-Key`` of this user and scope: a repeat returns
    the first result (the same 201 and body). A malformed key is a 400."""
    key = request.headers.get("Idempotency-Key", "")
    if key and not services.key_valid(key):
        raise ApiError(
            400, _("Idempotency-Key must be 16-64 characters of A-Z a-z 0-9 _ -."), field="Idempotency-Key"
        )
    if who.user is None:
        raise ApiError(401, _("Sign in or send a token."))
    return services.once(user=who.user, key=key, scope=f"api:{scope}", create=create).result
