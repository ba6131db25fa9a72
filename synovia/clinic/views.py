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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from synovia.access import door
from synovia.accounts.models import Role
from synovia.clinic import charts, forms, labels, scoring, selectors, services
from synovia.clinic.models import Patient
from synovia.clinic.models.choices import PathwayState
from synovia.clinic.permissions import (
    CLINICIAN_ONLY,
    NotVisible,
    require_researcher,
    require_staff,
)
from synovia.core import ctcae
from synovia.core.joints import JointError
from synovia.core.labs import LabUnitError, Panel
from synovia.core.measures import MeasureInputError, preferred_das28
from synovia.core.measures.cdai_sdai import CDAI_BANDS
from synovia.core.measures.das28 import DAS28_BANDS
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
    staff = request.user.role in {Role.CLINICIAN, Role.COORDINATOR}  # type: ignore[union-attr]
    responses = selectors.visit_responses(data.visits)
    mechanism = {labels.lab_name(k): v for k, v in selectors.lab_series(data.labs, Panel.MECHANISM).items()}
    retreatment = selectors.chart_retreatment(data, today=timezone.localdate())
    return render(
        request,
        "clinic/chart.html",
        {
            "c": data,
            "patient": data.patient,
            "synthetic": data.patient.synthetic,
            "timeline": selectors.chart_timeline(data),
            "responses": responses,
            **_score_charts(data.visits, responses),
            "mechanism_chart": charts.line_chart(
                mechanism, normalise=True, title=_("Mechanism panel (first value = 100)")
            ),
            "retreatment": retreatment,
            "retreatment_reasons": _retreatment_reasons(retreatment),
            "can_edit": staff,
            "can_plan": request.user.role == Role.CLINICIAN,  # type: ignore[union-attr]
            "transition_form": forms.TransitionForm(),
            "transition_choices": [(v, lbl) for v, lbl in PathwayState.choices if v in data.transitions],
            "accesses": selectors.chart_accesses(patient=data.patient) if staff else [],
        },
    )


def _score_charts(visits: list[Any], responses: dict[int, Any]) -> dict[str, Any]:
    """DAS28, CDAI and HAQ-DI over time with their remission and low-activity bands (the
    core's cut-offs), and the EULAR response written above each follow-up's DAS28."""
    das = [(v.visit_date, d) for v in visits if (d := preferred_das28(v.das28_esr, v.das28_crp)) is not None]
    eular = {v.visit_date: labels.label(labels.EULAR_SHORT, responses[v.pk].eular) for v in visits
             if v.pk in responses and responses[v.pk].eular}  # fmt: skip
    d, c = DAS28_BANDS.bounds, CDAI_BANDS.bounds
    return {
        "das28_chart": charts.score_chart(
            das, title=_("DAS28 (ESR; CRP where no ESR)"), y_max=8.0, marks=eular,
            bands=[(0, d[0], "remission", _("remission < 2.6")), (d[0], d[1], "low", _("low ≤ 3.2"))],
        ),
        "cdai_chart": charts.score_chart(
            selectors.score_series(visits, "cdai"), title=_("CDAI"), y_max=40.0, decimals=1,
            bands=[(0, c[0], "remission", _("remission ≤ 2.8")), (c[0], c[1], "low", _("low ≤ 10"))],
        ),
        "haq_chart": charts.score_chart(
            selectors.score_series(visits, "haq_di"), title=_("HAQ-DI"), y_max=3.0, decimals=3,
            bands=[(0, HAQ_NORMAL_MAX, "normal", _("≤ 0.5: general-population range"))],
        ),
    }  # fmt: skip


HAQ_NORMAL_MAX = 0.5
"""HAQ-DI up to 0.5 lies within the range of the general population (Krishnan E, Sokka T,
Häkkinen A, Hubert H, Hannonen P. Normative values for the Health Assessment Questionnaire
disability index. Arthritis Rheum 2004;50(3):953-960); shaded on the chart, decides nothing."""

RETREATMENT_REASONS = {
    "window_not_open": gettext_lazy("the retreatment window opens on %(opens)s"),
    "window_closed": gettext_lazy("the retreatment window closed on %(closes)s"),
    "serious_related_event": gettext_lazy("a serious adverse event related to the cell product"),
    "no_das28": gettext_lazy("no DAS28 recorded since the last infusion"),
    "not_active": gettext_lazy("disease not active (latest DAS28 %(das28)s, at most 3.2)"),
}


def _retreatment_reasons(decision: Any) -> list[str]:
    if decision is None:
        return []
    values = {
        "opens": decision.window.opens.isoformat(),
        "closes": decision.window.closes.isoformat(),
        "das28": f"{decision.latest_das28:.2f}" if decision.latest_das28 is not None else "",
    }
    return [str(RETREATMENT_REASONS[c]) % values for c in decision.codes]


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


def _add_refusal(form: Any, exc: Exception) -> None:
    """Show a refusal once, beside the field it names when the form has that field."""
    field = getattr(exc, "field", None)
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return
    form.add_error(field if field in form.fields else None, _refusal(exc))


def _form_page(
    request: HttpRequest,
    pk: int,
    form_class: type,
    title: str,
    save: Callable[[Patient, Any], object],
    *,
    roles: frozenset[str] | None = None,
    prepare: Callable[[Patient], dict[str, Any]] | None = None,
    template: str = "clinic/form.html",
) -> HttpResponse:
    """A record-entry page: ``prepare(patient)`` gives the form's initial values (under
    ``initial``) and any extra context; a refusal is shown beside its field."""
    patient = _editable(request, pk, roles)
    extra = prepare(patient) if prepare else {}
    form = form_class(request.POST or None, initial=extra.pop("initial", None))
    if request.method == "POST" and form.is_valid():
        try:
            _once(request, f"{form_class.__name__}:{pk}", lambda: save(patient, form))
        except REFUSALS as exc:
            _add_refusal(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("clinic:chart", pk=pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "patient": patient, "title": title, "synthetic": patient.synthetic}
    return render(request, template, context | extra, status=status)


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
    """Visit entry: today's date and the kind of the visit that is due by default; the
    scores appear as values are entered (``visit_score``) and are computed again on save."""

    def save(patient: Patient, form: forms.VisitForm) -> object:
        d = form.cleaned_data
        return services.visit_record(
            patient=patient,
            by=request.user,
            visit_date=d["visit_date"],
            kind=d["kind"],  # type: ignore[arg-type]
            **form.entered(),
        )

    def prepare(patient: Patient) -> dict[str, Any]:
        today = timezone.localdate()
        due = selectors.due_visit(patient=patient, today=today)
        return {
            "initial": {"visit_date": today, "kind": due.kind},
            "due": due,
            "today": today,
            "score_url": reverse("clinic:visit_score", args=[patient.pk]),
        }

    return _form_page(
        request, pk, forms.VisitForm, _("Visit"), save, prepare=prepare, template="clinic/visit.html"
    )


@require_POST
@_scoped
def visit_score(request: HttpRequest, pk: int) -> HttpResponse:
    """The live scores of the visit form (an HTMX partial): the values posted so far scored
    by the core, and, for a follow-up, the response against the patient's baseline."""
    patient = _editable(request, pk)
    form = forms.VisitForm(request.POST)
    form.is_valid()  # the valid fields are scored; errors are shown beside the fields on save
    day = form.cleaned_data.get("visit_date") or timezone.localdate()
    kind = form.cleaned_data.get("kind", "")
    baseline = None if kind == "baseline" else selectors.baseline_visit(patient=patient, before=day)
    stored = None if baseline is None else scoring.visit_values(baseline)
    result = scoring.preview(form.entered(), stored)
    return render(
        request,
        "clinic/_live_scores.html",
        {"p": result, "baseline": baseline, "kind": kind, "names": LIVE_SCORES},
    )


LIVE_SCORES = ("das28_esr", "das28_crp", "cdai", "sdai", "haq_di", "rapid3")


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

    def prepare(patient: Patient) -> dict[str, Any]:
        chosen = request.POST.get("term_code", "")
        return {
            "initial": {"onset": timezone.localdate()},
            "results": _ctcae_results("", chosen),
            "grades": _grade_rows(chosen, request.POST.get("grade", "")),
            "chosen": chosen,
        }

    return _form_page(
        request, pk, forms.AdverseEventForm, _("Adverse event"), save, prepare=prepare,
        template="clinic/adverse_event.html",
    )  # fmt: skip


def _ctcae_results(query: str, chosen: str) -> list[Any]:
    """The terms matching ``query``, the chosen one first (so it stays ticked)."""
    found = ctcae.search(query)
    if chosen and chosen in ctcae.terms():
        picked = ctcae.terms()[chosen]
        found = [picked, *(t for t in found if t.code != chosen)]
    return found


def _grade_rows(code: str, current: str) -> list[dict[str, Any]]:
    """Grades 1-5 with the chosen term's descriptions (CTCAE's general ones until a term is
    chosen); a grade the term does not have is shown and cannot be chosen."""
    known = ctcae.terms().get(code)
    grades = known.grades if known else ctcae.generic_grades()
    return [
        {"grade": g, "text": grades.get(g, ""), "defined": g in grades, "checked": str(g) == current}
        for g in ctcae.GRADES
    ]


@require_POST
@_scoped
def ctcae_search(request: HttpRequest) -> HttpResponse:
    """The CTCAE v5.0 terms matching what is typed (an HTMX partial; posted, so the words typed
    stay out of addresses and logs). No patient data."""
    require_staff(request.user)  # type: ignore[arg-type]
    query = request.POST.get("q", "")[: ctcae.MAX_QUERY]
    chosen = request.POST.get("term_code", "")
    return render(
        request,
        "clinic/_ctcae_results.html",
        {"results": _ctcae_results(query, chosen), "chosen": chosen, "query": query},
    )


@_scoped
def ctcae_grades(request: HttpRequest) -> HttpResponse:
    """The grade choices with the descriptions of one CTCAE term (an HTMX partial)."""
    require_staff(request.user)  # type: ignore[arg-type]
    code = request.GET.get("term_code", "")[:80]
    rows = _grade_rows(code, request.GET.get("grade", "")[:1])
    return render(request, "clinic/_ctcae_grades.html", {"grades": rows, "chosen": code})


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

    def prepare(patient: Patient) -> dict[str, Any]:
        """A second course starts from the previous program's product, dose and schedule."""
        previous = selectors.latest_program(patient=patient)
        if previous is None:
            return {}
        keep = ("source", "product", "dose_cells_per_kg", "route", "joint", "planned_infusions",
                "interval_weeks")  # fmt: skip
        initial = {k: getattr(previous, k) for k in keep}
        initial["autologous"] = "auto" if previous.autologous else "allo"
        return {"initial": initial, "previous": previous}

    return _form_page(
        request, pk, forms.ProgramForm, _("Treatment program"), save, roles=CLINICIAN_ONLY,
        prepare=prepare,
    )  # fmt: skip


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
