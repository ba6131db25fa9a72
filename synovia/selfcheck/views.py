"""The self-assessment's pages: start, one question per screen, the explained result, sending
it to a site, the sender's status page, and the clinic's page for one referral.

Answers live in the server-side session (no answer ever travels in a URL); a signed-in person
may save them to their account. Every form works without JavaScript; with HTMX a screen swaps
in place (``hx-select`` on the same page), and the last one loads the result.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from synovia.access import door
from synovia.clinic.permissions import require_staff
from synovia.core.eligibility.facts import FactsError, PatientFacts
from synovia.selfcheck import mapping, selectors, services, summary
from synovia.selfcheck.forms import CloseForm, ProposeForm, RespondForm, SendForm
from synovia.selfcheck.models import SavedAssessment
from synovia.selfcheck.questions import STEP_KEYS, applicable
from synovia.trials import explain
from synovia.trials.registry import OPEN_STATUSES

SESSION = "selfcheck"
KEYS = "selfcheck_referrals"


def _state(request: HttpRequest) -> dict[str, Any]:
    state = request.session.get(SESSION)
    if not isinstance(state, dict) or not isinstance(state.get("answers"), dict):
        state = {"answers": {}, "step": 0}
    state["answers"] = {k: v for k, v in state["answers"].items() if k in STEP_KEYS and isinstance(v, dict)}
    return state


def _keep(request: HttpRequest, state: dict[str, Any]) -> None:
    request.session[SESSION] = state


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    saved = _saved(request)
    if request.method == "POST":
        answers = saved.answers if (saved is not None and "resume" in request.POST) else {}
        _keep(request, {"answers": answers, "step": 0})
        return redirect("selfcheck:question")
    state = _state(request)
    return render(
        request,
        "selfcheck/start.html",
        {"screens": len(applicable({})), "saved": saved, "in_progress": bool(state["answers"])},
    )


def _saved(request: HttpRequest) -> SavedAssessment | None:
    return selectors.saved_assessment(request.user) if request.user.is_authenticated else None


@require_http_methods(["GET", "POST"])
def question(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    steps = applicable(state["answers"])
    index = min(max(int(state.get("step", 0) or 0), 0), len(steps) - 1)
    if request.method == "GET":
        return _screen(request, state)
    if "back" in request.POST:
        state["step"] = max(index - 1, 0)
        return _advance(request, state)
    step = steps[index]
    form = step.form(request.POST, initial=state["answers"].get(step.key, {}))
    if not form.is_valid():
        return _screen(request, state, form, status=400)
    state["answers"][step.key] = form.answers()
    steps = applicable(state["answers"])  # a later screen may now apply, or no longer
    position = next(i for i, s in enumerate(steps) if s.key == step.key)
    if position + 1 >= len(steps):
        _keep(request, state)
        return _go(request, reverse("selfcheck:result"))
    state["step"] = position + 1
    return _advance(request, state)


def _advance(request: HttpRequest, state: dict[str, Any]) -> HttpResponse:
    """After a POST: plain forms redirect (so reload never re-posts); HTMX gets the screen."""
    _keep(request, state)
    return _screen(request, state) if _htmx(request) else redirect("selfcheck:question")


def _screen(request: HttpRequest, state: dict[str, Any], form: Any = None, status: int = 200) -> HttpResponse:
    steps = applicable(state["answers"])
    index = min(max(int(state.get("step", 0) or 0), 0), len(steps) - 1)
    step = steps[index]
    if form is None:
        form = step.form(initial=state["answers"].get(step.key, {}))
    context = {"step": step, "form": form, "number": index + 1, "total": len(steps)}
    return render(request, "selfcheck/question.html", context, status=status)


def _go(request: HttpRequest, url: str) -> HttpResponse:
    if _htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _facts(answers: dict[str, Any]) -> tuple[PatientFacts, dict[str, Any]]:
    data = mapping.core_facts(answers)
    try:
        return PatientFacts.from_dict(data), data
    except FactsError:  # the forms' bounds are the facts' bounds; kept as a safety net
        return PatientFacts({}), {}


def result(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    if not summary.complete(state["answers"]):
        messages.info(request, _("Answer the questions first; it takes a few minutes."))
        return redirect("selfcheck:start")
    facts, _data = _facts(state["answers"])
    items = explain.match_catalog(facts)
    fitting = [i for i in items if i.match.verdict != "not_eligible"]
    context = {
        "fitting": [i for i in fitting if i.trial.status in OPEN_STATUSES],
        "closed": [i for i in fitting if i.trial.status not in OPEN_STATUSES],
        "others": [i for i in items if i.match.verdict == "not_eligible"],
        "deciding": explain.deciding_facts(items),
        "rapid3": mapping.rapid3_of(state["answers"]),
        "lines": summary.lines(state["answers"]),
        "sites": selectors.sites().exists(),
        "saved": _saved(request) is not None,
    }
    return render(request, "selfcheck/result.html", context)


@require_POST
def save(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={reverse('selfcheck:result')}")
    state = _state(request)
    if "forget" in request.POST:
        services.assessment_forget(user=request.user)
        messages.success(request, _("Your saved answers were deleted."))
    elif summary.complete(state["answers"]):
        services.assessment_save(user=request.user, answers=state["answers"])
        messages.success(request, _("Your answers are saved to your account."))
    return redirect("selfcheck:result")


@require_http_methods(["GET", "POST"])
def send(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    if not summary.complete(state["answers"]):
        return redirect("selfcheck:start")
    sites = selectors.sites()
    form = SendForm(request.POST or None, sites=sites)
    if request.method == "POST" and form.is_valid():
        _facts_obj, facts = _facts(state["answers"])
        data = form.cleaned_data
        try:
            referral = services.referral_send(
                site=data["site"],
                user=request.user if request.user.is_authenticated else None,
                answers=state["answers"],
                facts=facts,
                given_name=data["given_name"],
                family_name=data["family_name"],
                email=data["email"],
                phone=data["phone"],
                birth_date=data["birth_date"],
                weight_kg=data["weight_kg"],
                consent=data["consent"],
                email_updates=data["email_updates"],
                request_token=data["token"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            keys = [k for k in request.session.get(KEYS, []) if isinstance(k, str)][-19:]
            if referral.key not in keys:
                keys.append(referral.key)
            request.session[KEYS] = keys
            messages.success(
                request, _("Sent. The site will propose an appointment; check this page for it.")
            )
            return redirect("selfcheck:referrals")
    status = 400 if request.method == "POST" else 200
    return render(request, "selfcheck/send.html", {"form": form, "has_sites": sites.exists()}, status=status)


@require_http_methods(["GET", "POST"])
def referrals(request: HttpRequest) -> HttpResponse:
    who = door.principal(request)
    keys = request.session.get(KEYS, [])
    if request.method == "POST":
        form = RespondForm(request.POST)
        if not form.is_valid():
            return HttpResponse(_("The answer was not understood."), status=400)
        try:
            referral = selectors.own_referral(who, keys, form.cleaned_data["key"])
            services.referral_respond(
                referral=referral,
                by=request.user if request.user.is_authenticated else None,
                accept=form.cleaned_data["answer"] == "accept",
                note=form.cleaned_data["note"],
            )
        except door.NotVisible:
            raise Http404 from None
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("selfcheck:referrals")
    return render(request, "selfcheck/referrals.html", {"referrals": selectors.own_referrals(who, keys)})


@require_http_methods(["GET", "POST"])
def clinic_referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    require_staff(request.user)  # type: ignore[arg-type]
    who = door.principal(request)
    try:
        referral = selectors.clinic_referral(who, referral_id)
    except door.NotVisible:
        raise Http404 from None
    propose = ProposeForm(request.POST if "propose" in request.POST else None)
    close = CloseForm(request.POST if "close" in request.POST else None)
    if request.method == "POST":
        chosen = propose if "propose" in request.POST else close
        if chosen.is_valid():
            try:
                _clinic_write(request, referral, chosen)
            except ValidationError as exc:
                chosen.add_error(None, exc)
            else:
                messages.success(request, _("Saved; the person sees it on their status page."))
                return redirect("selfcheck:clinic_referral", referral_id=referral.pk)
    facts, _data = _facts(referral.answers)
    context = {
        "referral": referral,
        "lines": summary.lines(referral.answers),
        "rapid3": mapping.rapid3_of(referral.answers),
        "items": [i for i in explain.match_catalog(facts) if i.match.verdict != "not_eligible"],
        "propose": propose,
        "close": close,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "selfcheck/clinic_referral.html", context, status=status)


def _clinic_write(request: HttpRequest, referral: Any, form: Any) -> None:
    user = request.user
    if not getattr(user, "is_clinical_staff", False):
        raise PermissionDenied
    if isinstance(form, ProposeForm):
        services.referral_propose(
            referral=referral,
            by=user,  # type: ignore[arg-type]
            at=form.cleaned_data["at"],
            place=form.cleaned_data["place"],
            note=form.cleaned_data["note"],
        )
    else:
        services.referral_close(referral=referral, by=user, note=form.cleaned_data["note"])  # type: ignore[arg-type]
