"""Sign-up pages: ask, check your e-mail, confirm (see ``synovia.accounts.signup``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from synovia.accounts import signup
from synovia.web.security import client_address


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
