"""Request guards that run before any view.

:class:`RejectNulMiddleware` answers 400 to a request whose path, query string, cookies or
form fields hold a NUL character (``%00``). No page or endpoint has a use for one, and
PostgreSQL refuses NUL in text ("A string literal cannot contain NUL (0x00) characters"),
so without this guard a ``/trials/%00/`` or ``?q=%00`` reached the database and became a
500. One check here covers every page, the API and the admin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import unquote_plus

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RejectNulMiddleware:
    """400 with a short message for a NUL byte anywhere a view would read text from."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = _nul_in(request)
        if where:
            message = f"Synovia: Bad request. A NUL character is not allowed in the {where}."
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _nul_in(request: HttpRequest) -> str:
    """Which part of the request carries a NUL ("" when none does)."""
    if NUL in request.path_info or NUL in request.path:
        return "address"
    if NUL in unquote_plus(request.META.get("QUERY_STRING", "")):
        return "query"
    if _any_nul(request.COOKIES.items()):
        return "cookies"
    if request.method == "POST" and request.content_type in FORM_TYPES and _any_nul(request.POST.lists()):
        return "form"
    return ""


def _any_nul(pairs: Iterable[tuple[str, object]]) -> bool:
    for key, value in pairs:
        values = value if isinstance(value, list) else [value]
        if NUL in key or any(NUL in str(v) for v in values):
            return True
    return False
