"""The account page: a person's own API tokens (create one, shown once; revoke). Sign-in:
clinical staff land on their clinic's worklist; everyone else on the front page (an explicit
``next`` address, checked by Django as safe, wins in both cases). Sign-up pages: ask, check
your e-mail, confirm (see ``synovia.accounts.signup``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from synovia.accounts import signup
from synovia.accounts.models import Role
from synovia.api import tokens
from synovia.web.security import client_address

STAFF_LANDING = frozenset({Role.CLINICIAN, Role.COORDINATOR, Role.ADMIN})


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


class SignInView(auth_views.LoginView):
    def get_default_redirect_url(self) -> str:
        if getattr(self.request.user, "role", "") in STAFF_LANDING:
            return reverse("clinic:worklist")
        return str(super().get_default_redirect_url())


class SignupForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=signup.MAX_EMAIL)
    password1 = forms.CharField(
        label=gettext_lazy("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )
    password2 = forms.CharField(
        label=gettext_lazy("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            raise ValidationError(_("The two passwords differ."))
        return data


def signup_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            signup.signup_request(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                address=client_address(request),
            )
        except signup.TooManySignups:
            form.add_error(None, _("Too many sign-up requests; try again in an hour."))
            status = 429
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 400
        else:
            return redirect("accounts:signup_done")
    elif request.method == "POST":
        status = 400
    return render(request, "registration/signup_form.html", {"form": form}, status=status)


def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/signup_done.html")


def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (so a mail scanner that opens links confirms nothing); POST confirms."""
    if request.method != "POST":
        return render(request, "registration/signup_confirm.html", {"token": token})
    try:
        signup.confirm(token)
    except ValidationError as exc:
        return render(
            request, "registration/signup_confirm.html", {"error": " ".join(exc.messages)}, status=400
        )
    messages.success(request, _("Your account is confirmed. Sign in to continue."))
    return redirect("accounts:login")
