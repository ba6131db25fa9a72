"""Clinic pages. Thin: parse with a form, call one service or selector, render.

A patient outside the user's scope is 404 (its existence is not revealed); a role without
access to a page is 403 (``PermissionDenied``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from synovia.access import door
from synovia.accounts.models import Role
from synovia.clinic import charts, forms, selectors, services
from synovia.clinic.models import Patient
from synovia.clinic.models.choices import PathwayState
from synovia.clinic.permissions import (
    CLINICIAN_ONLY,
    NotVisible,
    require_researcher,
    require_staff,
)
from synovia.core.joints import JointError
from synovia.core.labs import LabUnitError, Panel
from synovia.core.measures import MeasureInputError
from synovia.core.pathway import TransitionError

REFUSALS = (ValidationError, TransitionError, LabUnitError, MeasureInputError, JointError)


def _scoped(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in users only; a patient out of scope becomes 404."""

    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotVisible:
            raise Http404(_("No such patient.")) from None

    return wrapped


def _refusal(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def _who(request: HttpRequest) -> door.Principal:
    return door.principal(request)


def _once(request: HttpRequest, scope: str, create: Callable[[], Any]) -> Any:
    """Run a create at most once per form token (``services.once``); say so on a repeat."""
    key = request.POST.get("idempotency_key", "")
    done = services.once(user=request.user, key=key, scope=scope, create=create)  # type: ignore[arg-type]
    if done.replayed:
        messages.info(request, _("This form was already saved; nothing new was recorded."))
    return done.result


@_scoped
def worklist(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)  # type: ignore[arg-type]
    who = _who(request)
    work = selectors.worklist(who=who)
    return render(
        request, "clinic/worklist.html", {"work": work, "synthetic": selectors.any_synthetic(who=who)}
    )


SEARCH_KEY = "clinic_patient_search"
STATES = {value for value, _label in PathwayState.choices}


@_scoped
def patient_list(request: HttpRequest) -> HttpResponse:
    """The clinic's patients. The search term is posted and kept in the session, so a name
    never travels in a URL (nor in the server's access log); the state filter may."""
    require_staff(request.user)  # type: ignore[arg-type]
    if request.method == "POST":
        query = " ".join(request.POST.get("q", "").split())[:60]
        if "clear" in request.POST or not query:
            request.session.pop(SEARCH_KEY, None)
        else:
            request.session[SEARCH_KEY] = query
        state = request.POST.get("state", "")
        return redirect(reverse("clinic:patient_list") + (f"?state={state}" if state in STATES else ""))
    state = request.GET.get("state", "")
    if state not in STATES:
        state = ""
    query = str(request.session.get(SEARCH_KEY, ""))
    page = selectors.patient_page(who=_who(request), state=state, query=query, page=request.GET.get("page"))
    return render(
        request,
        "clinic/patient_list.html",
        {
            "page": page,
            "states": PathwayState.choices,
            "state": state,
            "query": query,
            "synthetic": any(p.synthetic for p in page),
        },
    )


@_scoped
def chart(request: HttpRequest, pk: int) -> HttpResponse:
    data = selectors.chart_read(who=_who(request), patient_id=pk)
    return _render_chart(request, data)


@_scoped
def my_record(request: HttpRequest) -> HttpResponse:
    if request.user.role != Role.PATIENT:  # type: ignore[union-attr]
        raise PermissionDenied(_("Only patients have a record of their own here."))
    who = _who(request)
    own = door.own_record(who)
    if own is None:
        raise Http404(_("No record is linked to your account yet."))
    data = selectors.chart_read(who=who, patient_id=own.pk, purpose="my record")
    return _render_chart(request, data)


def _render_chart(request: HttpRequest, data: selectors.Chart) -> HttpResponse:
    scores = {
        s: selectors.score_series(data.visits, s)
        for s in ("das28_esr", "das28_crp", "cdai", "sdai", "haq_di", "rapid3")
    }
    mechanism = selectors.lab_series(data.labs, Panel.MECHANISM)
    staff = request.user.role in {Role.CLINICIAN, Role.COORDINATOR}  # type: ignore[union-attr]
    return render(
        request,
        "clinic/chart.html",
        {
            "c": data,
            "patient": data.patient,
            "synthetic": data.patient.synthetic,
            "score_chart": charts.line_chart(
                {k: v for k, v in scores.items() if k.startswith("das28")}, title=_("DAS28 over time")
            ),
            "index_chart": charts.line_chart(
                {k: scores[k] for k in ("cdai", "sdai", "rapid3")}, title=_("CDAI, SDAI, RAPID3 over time")
            ),
            "mechanism_chart": charts.line_chart(
                mechanism, normalise=True, title=_("Mechanism panel (first value = 100)")
            ),
            "can_edit": staff,
            "transition_form": forms.TransitionForm(),
            "accesses": selectors.chart_accesses(patient=data.patient) if staff else [],
        },
    )


def _editable(request: HttpRequest, pk: int, roles: frozenset[str] | None = None) -> Patient:
    """The patient a form or action is about: own clinic, an editing role; an audited read."""
    purpose = request.resolver_match.url_name if request.resolver_match else "form"
    return selectors.patient_for_form(
        who=_who(request), patient_id=pk, purpose=f"form {purpose}", roles=roles
    )


@require_POST
@_scoped
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    patient = _editable(request, pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a state to move to."))
        return redirect("clinic:chart", pk=pk)
    try:
        _once(
            request,
            f"transition:{pk}",
            lambda: services.patient_transition(
                patient=patient,
                by=request.user,  # type: ignore[arg-type]
                to_state=form.cleaned_data["to_state"],
                reason=form.cleaned_data["reason"],
            ),
        )
    except REFUSALS as exc:
        messages.error(request, _("Refused: %s") % _refusal(exc))
    else:
        messages.success(request, _("Pathway state changed."))
    return redirect("clinic:chart", pk=pk)


def _form_page(
    request: HttpRequest,
    pk: int,
    form_class: type,
    title: str,
    save: Callable[[Patient, Any], object],
    *,
    roles: frozenset[str] | None = None,
) -> HttpResponse:
    patient = _editable(request, pk, roles)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _once(request, f"{form_class.__name__}:{pk}", lambda: save(patient, form))
        except REFUSALS as exc:
            form.add_error(None, _refusal(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("clinic:chart", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "clinic/form.html",
        {"form": form, "patient": patient, "title": title, "synthetic": patient.synthetic},
        status=status,
    )


@_scoped
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    def save(patient: Patient, form: forms.EvaluationForm) -> object:
        d = form.cleaned_data
        return services.evaluation_record(
            patient=patient,
            by=request.user,
            evaluated_on=d["evaluated_on"],  # type: ignore[arg-type]
            contraindications=form.contraindications(),
            candidate=d["candidate"],
            reason=d["reason"],
            acr_eular=form.acr_eular(),
        )

    return _form_page(
        request, pk, forms.EvaluationForm, _("Candidacy evaluation"), save, roles=CLINICIAN_ONLY
    )


@_scoped
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    def save(patient: Patient, form: forms.VisitForm) -> object:
        d = form.cleaned_data
        crp = d["crp"]
        if crp is not None and d["crp_unit"] == "mg/dL":
            crp = crp * 10  # 1 mg/dL = 10 mg/L (synovia.core.labs)
        haq = form.haq_scores()
        from synovia.clinic.scoring import haq_items_from_categories

        return services.visit_record(
            patient=patient,
            by=request.user,
            visit_date=d["visit_date"],
            kind=d["kind"],  # type: ignore[arg-type]
            tender_joints=d["tender_joints"],
            swollen_joints=d["swollen_joints"],
            esr_mm_h=d["esr_mm_h"],
            crp_mg_l=crp,
            ptga_cm=d["ptga_cm"],
            ega_cm=d["ega_cm"],
            pain_cm=d["pain_cm"],
            function_cm=d["function_cm"],
            haq_items=haq_items_from_categories(haq) if any(v is not None for v in haq.values()) else None,
        )

    return _form_page(request, pk, forms.VisitForm, _("Visit"), save)


@_scoped
def lab(request: HttpRequest, pk: int) -> HttpResponse:
    def save(patient: Patient, form: forms.LabForm) -> object:
        d = form.cleaned_data
        return services.lab_record(
            patient=patient,
            by=request.user,
            test=d["test"],
            value=d["value"],  # type: ignore[arg-type]
            unit=d["unit"],
            collected_on=d["collected_on"],
            ref_low=d["ref_low"],
            ref_high=d["ref_high"],
        )

    return _form_page(request, pk, forms.LabForm, _("Lab result"), save)


@_scoped
def adverse_event(request: HttpRequest, pk: int) -> HttpResponse:
    def save(patient: Patient, form: forms.AdverseEventForm) -> object:
        d = form.cleaned_data
        return services.adverse_event_record(
            patient=patient,
            by=request.user,
            term=d["term"],
            grade=d["grade"],  # type: ignore[arg-type]
            serious=d["serious"],
            serious_criteria=d["serious_criteria"],
            relatedness=d["relatedness"],
            onset=d["onset"],
            resolved_on=d["resolved_on"],
            outcome=d["outcome"],
            action_taken=d["action_taken"],
        )

    return _form_page(request, pk, forms.AdverseEventForm, _("Adverse event"), save)


@require_POST
@_scoped
def alert_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        alert = selectors.alert_for(who=_who(request), alert_id=pk)
    except NotVisible:
        raise Http404(_("No such alert.")) from None
    services.alert_mark_read(alert=alert, by=request.user)  # type: ignore[arg-type]
    return redirect("clinic:worklist")


@_scoped
def research(request: HttpRequest) -> HttpResponse:
    """The old raw table is replaced by the outcomes report (synovia/research)."""
    require_researcher(request.user)  # type: ignore[arg-type]
    return redirect("research:report")


@_scoped
def patient_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.role not in {Role.CLINICIAN, Role.COORDINATOR}:  # type: ignore[union-attr]
        raise PermissionDenied(_("Clinical staff of a clinic only."))
    form = forms.PatientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            patient = _once(
                request,
                "patient_new",
                lambda: services.patient_create(clinic=user.clinic, by=user, **form.cleaned_data),  # type: ignore[union-attr, arg-type]
            )
        except REFUSALS as exc:
            form.add_error(None, _refusal(exc))
        else:
            messages.success(request, _("Patient registered."))
            return redirect("clinic:chart", pk=patient.pk)
    return render(
        request,
        "clinic/form.html",
        {"form": form, "title": _("New patient")},
        status=400 if request.method == "POST" else 200,
    )


@_scoped
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    def save(patient: Patient, form: forms.ConsentForm) -> object:
        return services.consent_record(patient=patient, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]

    return _form_page(request, pk, forms.ConsentForm, _("Consent"), save)


@require_POST
@_scoped
def consent_withdraw(request: HttpRequest, pk: int, consent_id: int) -> HttpResponse:
    patient = _editable(request, pk)
    record = patient.consents.filter(pk=consent_id, withdrawn_at__isnull=True).first()
    if record is None:
        raise Http404(_("No such consent."))
    services.consent_withdraw(consent=record, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Consent withdrawn."))
    return redirect("clinic:chart", pk=pk)


@_scoped
def program(request: HttpRequest, pk: int) -> HttpResponse:
    def save(patient: Patient, form: forms.ProgramForm) -> object:
        return services.program_create(patient=patient, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]

    return _form_page(request, pk, forms.ProgramForm, _("Treatment program"), save, roles=CLINICIAN_ONLY)


@_scoped
def infusion(request: HttpRequest, pk: int) -> HttpResponse:
    patient = _editable(request, pk)
    choices = [(g.pk, str(g)) for g in patient.programs.order_by("-created_at")]
    form = forms.InfusionForm(request.POST or None, programs=choices)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        chosen = patient.programs.get(pk=d.pop("program"))
        try:
            _once(
                request,
                f"infusion:{pk}",
                lambda: services.infusion_record(program=chosen, by=request.user, **d),
            )  # type: ignore[arg-type]
        except REFUSALS as exc:
            form.add_error(None, _refusal(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("clinic:chart", pk=pk)
    return render(
        request,
        "clinic/form.html",
        {
            "form": form,
            "patient": patient,
            "title": _("Infusion"),
            "synthetic": patient.synthetic,
        },
        status=400 if request.method == "POST" else 200,
    )


@_scoped
def imaging(request: HttpRequest, pk: int) -> HttpResponse:
    def save(patient: Patient, form: forms.ImagingForm) -> object:
        return services.imaging_record(patient=patient, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]

    return _form_page(request, pk, forms.ImagingForm, _("Imaging"), save)
