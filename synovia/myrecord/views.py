"""The patient's pages ("my record", reports, consents, messages, trial alerts) and the care
team's side of the messages and of account linking. Thin: a form, one selector or service.

A record or thread outside the reader's scope is 404 (missing and forbidden look the same); a
role with no business on a page is 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from synovia.access import door, rights
from synovia.accounts.models import Role, User
from synovia.clinic.services import once
from synovia.myrecord import charts, consent_texts, forms, labels, pdf, selectors, services
from synovia.myrecord.models import MAX_MESSAGE

STAFF = frozenset({Role.CLINICIAN, Role.COORDINATOR})


def _page(roles: frozenset[str]) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Signed-in users of ``roles`` only (403 for others); out-of-scope records are 404."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role not in roles:  # type: ignore[union-attr]
                raise PermissionDenied(_("This page is not for your role."))
            try:
                return view(request, *args, **kwargs)
            except door.NotVisible:
                raise Http404(_("Not found.")) from None

        return wrapped

    return decorate


patient_page = _page(frozenset({Role.PATIENT}))
staff_page = _page(STAFF)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _who(request: HttpRequest) -> door.Principal:
    return door.principal(request)


def _once(request: HttpRequest, scope: str, create: Callable[[], Any]) -> Any:
    done = once(user=request.user, key=request.POST.get("idempotency_key", ""), scope=scope, create=create)  # type: ignore[arg-type]
    if done.replayed:
        messages.info(request, _("This form was already sent; nothing new was recorded."))
    return done.result


def _refused(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# -- my record -------------------------------------------------------------------------------


@require_GET
@patient_page
def home(request: HttpRequest) -> HttpResponse:
    who = _who(request)
    if selectors.own_patient_id(who) is None:
        return render(request, "myrecord/not_linked.html", {})
    today = timezone.localdate()
    mine = selectors.my_record(who=who, today=today)
    return render(request, "myrecord/home.html", _home_context(mine, today))


def _home_context(mine: selectors.MyRecord, today: Any) -> dict[str, Any]:
    patient = mine.patient
    for row in mine.schedule:
        row["status_label"] = labels.visit_status(row["status"])
    for r in mine.reports:
        r.category_label = labels.category(r.rapid3_category)  # type: ignore[attr-defined]
    infusions = sorted(
        (i for g in patient.programs.all() for i in g.infusions.all()), key=lambda i: i.given_on
    )
    for i in infusions:
        i.joint_label = labels.joint(i.joint) if i.joint else ""  # type: ignore[attr-defined]
    return {
        "m": mine,
        "patient": patient,
        "synthetic": patient.synthetic,
        "charts": chart_set(mine.visits, mine.reports),
        "visits": [_visit_row(v) for v in reversed(mine.visits)],
        "upcoming": [s for s in mine.schedule if s["status"] in {"upcoming", "due", "overdue"}],
        "schedule": mine.schedule,
        "infusions": infusions,
        "events": sorted(patient.adverse_events.all(), key=lambda e: e.onset, reverse=True),
        "labs": _latest_labs(patient.lab_results.all()),
        "consents": list(patient.consents.all()),
        "reports": list(reversed(mine.reports))[:10],
        "today": today,
        "bring": what_to_bring(),
        "section": "home",
    }


def chart_set(visits: list[Any], reports: list[Any]) -> list[dict[str, Any]]:
    """The three charts of a record: DAS28, CDAI (clinic visits) and RAPID3 (visits and the
    patient's own reports), each over its published activity bands."""
    from synovia.core.measures import preferred_das28
    from synovia.core.measures.cdai_sdai import CDAI_BANDS
    from synovia.core.measures.das28 import DAS28_BANDS
    from synovia.core.measures.rapid3 import RAPID3_BANDS

    das = [
        charts.Point(v.visit_date, s)
        for v in visits
        if (s := preferred_das28(v.das28_esr, v.das28_crp)) is not None
    ]
    cdai = [charts.Point(v.visit_date, v.cdai) for v in visits if v.cdai is not None]
    rapid = [charts.Point(v.visit_date, v.rapid3) for v in visits if v.rapid3 is not None]
    rapid += [charts.Point(r.reported_on, float(r.rapid3), "self") for r in reports]
    bands = {k: str(v) for k, v in labels.CATEGORY.items()}
    sources = {k: str(v) for k, v in labels.SOURCE.items()}
    specs = [
        ("das28", _("DAS28 over time"), das, DAS28_BANDS, 9.4),
        ("cdai", _("CDAI over time"), cdai, CDAI_BANDS, 76.0),
        ("rapid3", _("RAPID3 over time (your reports and clinic visits)"), rapid, RAPID3_BANDS, 30.0),
    ]
    return [
        {
            "key": key,
            "title": title,
            "count": len(points),
            "svg": charts.score_chart(
                points,
                bands=b,
                top=charts.axis_top([p.value for p in points], b, ceiling=top),
                title=title,
                band_labels=bands,
                source_labels=sources,
            ),
            "latest": max(points, key=lambda p: p.day) if points else None,
            "latest_category": labels.category(b.label(max(points, key=lambda p: p.day).value))
            if points
            else "",
        }
        for key, title, points, b, top in specs
    ]


def _visit_row(v: Any) -> dict[str, Any]:
    from synovia.core.measures import preferred_das28

    cats = v.categories or {}
    das = preferred_das28(v.das28_esr, v.das28_crp)
    das_cat = cats.get("das28_esr") or cats.get("das28_crp") or ""
    return {
        "v": v,
        "das28": das,
        "das28_category": labels.category(das_cat) if das_cat else "",
        "cdai_category": labels.category(cats["cdai"]) if cats.get("cdai") else "",
        "tender": labels.joints(v.tender_joints or []),
        "swollen": labels.joints(v.swollen_joints or []),
    }


def _latest_labs(rows: Any) -> list[dict[str, Any]]:
    latest: dict[str, Any] = {}
    for lab in sorted(rows, key=lambda r: r.collected_on):
        latest[lab.test] = lab
    return [{"name": labels.lab(k), "lab": lab} for k, lab in sorted(latest.items())]


def what_to_bring() -> list[str]:
    return [
        _("this page, or the dates of anything that happened since your last visit"),
        _("the list of medicines you take now, with doses"),
        _("recent blood test results from other doctors, if you have them"),
        _("a note of side effects, infections or hospital stays since your last visit"),
    ]


@require_POST
@patient_page
def link_code(request: HttpRequest) -> HttpResponse:
    try:
        code = services.link_code_issue(user=_user(request))
    except ValidationError as exc:
        messages.error(request, _refused(exc))
        return redirect("myrecord:home")
    grouped = f"{code[:5]}-{code[5:]}"
    return render(request, "myrecord/not_linked.html", {"code": grouped})


@patient_page
def report(request: HttpRequest) -> HttpResponse:
    who = _who(request)
    own = selectors.own_patient_id(who)
    if own is None:
        raise door.NotVisible
    form = forms.ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            patient = door.patient(who, own, purpose="my report")
            try:
                _once(
                    request,
                    "myrecord:report",
                    lambda: services.report_record(patient=patient, by=_user(request), **form.cleaned_data),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                messages.success(
                    request, _("Thank you: your report is on your record and your care team can see it.")
                )
                return redirect("myrecord:home")
        else:
            status = 400
    return render(request, "myrecord/report.html", {"form": form, "section": "report"}, status=status)


@patient_page
def consent(request: HttpRequest, consent_id: int) -> HttpResponse:
    who = _who(request)
    found = selectors.my_consent(who=who, consent_id=consent_id)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm the withdrawal."))
            return redirect("myrecord:consent", consent_id=found.pk)
        try:
            services.consent_withdraw_mine(consent=found, by=_user(request))
        except ValidationError as exc:
            messages.error(request, _refused(exc))
        else:
            messages.success(
                request, _("Your consent is withdrawn. Your clinic has been told in your record.")
            )
        return redirect("myrecord:home")
    context = {
        "consent": found,
        "text": consent_texts.text_of(found.scope, found.text_version),
        "effect": consent_texts.withdraw_effect(found.scope),
    }
    return render(request, "myrecord/consent.html", context)


@require_GET
@patient_page
def download_pdf(request: HttpRequest) -> HttpResponse:
    who = _who(request)
    if selectors.own_patient_id(who) is None:
        raise door.NotVisible
    try:
        data = rights.export_all(who)
    except rights.RightsError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(pdf.record_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="synovia-my-record.pdf"'
    return response


@require_POST
@patient_page
def trial_alerts(request: HttpRequest) -> HttpResponse:
    who = _who(request)
    own = selectors.own_patient_id(who)
    if own is None:
        raise door.NotVisible
    patient = door.patient(who, own, purpose="my trial alerts")
    active = request.POST.get("active") == "1"
    services.trial_alert_set(patient=patient, by=_user(request), active=active)
    if active:
        messages.success(
            request, _("We will e-mail you when a trial you may fit is added or starts recruiting.")
        )
    else:
        messages.success(request, _("Trial alerts are off."))
    return redirect("myrecord:home")


# -- messages --------------------------------------------------------------------------------


@patient_page
def message_list(request: HttpRequest) -> HttpResponse:
    who = _who(request)
    own = selectors.own_patient_id(who)
    if own is None:
        raise door.NotVisible
    form = forms.ThreadForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            patient = door.patient(who, own, purpose="my messages")
            try:
                thread = _once(
                    request,
                    "myrecord:thread",
                    lambda: services.thread_start(patient=patient, by=_user(request), **form.cleaned_data),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Message sent to your care team."))
                return redirect("myrecord:thread", thread_id=thread.pk)
        return render(
            request,
            "myrecord/messages.html",
            {"form": form, "threads": [], "section": "messages"},
            status=400,
        )
    threads = selectors.my_threads(who=who)
    return render(
        request, "myrecord/messages.html", {"form": form, "threads": threads, "section": "messages"}
    )


def _thread_page(request: HttpRequest, thread_id: int, *, staff: bool) -> HttpResponse:
    who = _who(request)
    purpose = "care thread" if staff else "my thread"
    thread, rows = selectors.thread_read(who=who, thread_id=thread_id, purpose=purpose)
    form = forms.MessageForm(request.POST or None)
    here = "myrecord:care_thread" if staff else "myrecord:thread"
    if request.method == "POST":
        if form.is_valid():
            try:
                _once(
                    request,
                    f"{here}:{thread.pk}",
                    lambda: services.message_send(
                        thread=thread, by=_user(request), body=form.cleaned_data["body"]
                    ),
                )
            except ValidationError as exc:
                messages.error(request, _refused(exc))
            else:
                messages.success(request, _("Message sent."))
            return redirect(here, thread_id=thread.pk)
        messages.error(request, _("Write a message of at most %(n)s characters.") % {"n": MAX_MESSAGE})
        return redirect(here, thread_id=thread.pk)
    services.mark_read(thread=thread, reader=_user(request))
    context = {"thread": thread, "rows": rows, "form": form, "staff": staff, "here": here}
    context["section"] = "inbox" if staff else "messages"
    return render(request, "myrecord/thread.html", context)


@patient_page
def thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    return _thread_page(request, thread_id, staff=False)


@staff_page
def care_thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    return _thread_page(request, thread_id, staff=True)


@require_GET
@staff_page
def care_inbox(request: HttpRequest) -> HttpResponse:
    threads = selectors.inbox(who=_who(request))
    return render(request, "myrecord/care_inbox.html", {"threads": threads, "section": "inbox"})


@staff_page
def care_patient(request: HttpRequest, pk: int) -> HttpResponse:
    """A patient's threads, and a new thread written by the care team."""
    who = _who(request)
    form = forms.ThreadForm(request.POST or None)
    if request.method == "POST":
        patient = door.patient_for_change(who, pk, purpose="care messages")
        if form.is_valid():
            try:
                thread = _once(
                    request,
                    f"myrecord:care_patient:{pk}",
                    lambda: services.thread_start(patient=patient, by=_user(request), **form.cleaned_data),
                )
            except ValidationError as exc:
                messages.error(request, _refused(exc))
            else:
                messages.success(request, _("Message sent to the patient."))
                return redirect("myrecord:care_thread", thread_id=thread.pk)
        else:
            messages.error(request, _("Give a subject and a message."))
        return redirect("myrecord:care_patient", pk=pk)
    patient, threads = selectors.patient_threads(who=who, patient_id=pk)
    return render(
        request, "myrecord/care_patient.html", {"patient": patient, "threads": threads, "form": form}
    )


@staff_page
def care_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a patient account to this record with the code the patient shows in person."""
    who = _who(request)
    patient = door.patient_for_change(who, pk, purpose="link account")
    form = forms.LinkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.link_account(patient=patient, by=_user(request), code=form.cleaned_data["code"])
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                messages.success(request, _("The account is linked: the patient now sees this record."))
                return redirect("clinic:chart", pk=patient.pk)
        else:
            status = 400
    return render(request, "myrecord/care_link.html", {"patient": patient, "form": form}, status=status)
