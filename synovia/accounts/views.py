"""The account page: a person's own API tokens (create one, shown once; revoke)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from synovia.api import tokens


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name (what it is for)"), max_length=60, required=False)
    expires_days = forms.IntegerField(
        label=gettext_lazy("Expires after (days)"),
        min_value=1,
        max_value=tokens.MAX_DAYS,
        initial=90,
        required=False,
        help_text=gettext_lazy("Leave empty for a token that does not expire."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in person's tokens; a new one's secret is shown once, on this answer only."""
    form = TokenForm(request.POST or None)
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            new = tokens.token_create(
                user=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"] or "",
                expires_days=form.cleaned_data["expires_days"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            secret = new.secret
            form = TokenForm()
    rows = tokens.tokens_of(request.user)[:50]  # type: ignore[arg-type]
    status = 400 if request.method == "POST" and not secret else 200
    return render(
        request, "accounts/account.html", {"form": form, "secret": secret, "tokens": rows}, status=status
    )


@login_required
@require_http_methods(["POST"])
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the signed-in person's own tokens (another's: 404)."""
    row = tokens.tokens_of(request.user).filter(pk=token_id).first()  # type: ignore[arg-type]
    if row is None:
        raise Http404
    tokens.token_revoke(token=row)
    from django.contrib import messages

    messages.success(request, _("The token %(prefix)s... was revoked.") % {"prefix": row.prefix})
    return redirect("accounts:account")
