"""Expiry reminders: the /pengingat page (planned, sent and failed), the list as JSON, and
who an agreement's reminders go to (the review page's form, and the API)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from search_api.errors import AgreementNotFound, InvalidReminderRecipients
from search_api.http import (
    AccountsDep,
    GuardedRoute,
    LibraryDep,
    ReminderContactChange,
    ReminderContactPublic,
    ReminderList,
    ReminderPublic,
    RemindersDep,
    Translator,
    UserDep,
    allow,
    client_of,
    lang_of,
    not_found,
    render,
)
from search_api.register import derived_fields
from search_api.reminders import ContactView, Planned, Recorded, Reminders

router = APIRouter(route_class=GuardedRoute, tags=["reminders"])


def _planned(item: Planned, today: date) -> ReminderPublic:
    record = item.record
    reminder = item.reminder
    status = record.status if record else "due" if reminder.due_on <= today else "planned"
    return ReminderPublic(
        agreement_id=reminder.key.agreement_id,
        title=reminder.row.title or reminder.row.filename,
        mark_days=reminder.key.mark_days,
        end_date=reminder.key.end_date,
        due_on=reminder.due_on,
        unit=item.to.unit,
        recipients=item.to.recipients,
        status=status,
        attempts=record.attempts if record else 0,
        error_step=record.error_step if record else None,
        last_error=record.last_error if record else None,
    )


def _recorded(item: Recorded) -> ReminderPublic:
    r = item.record
    return ReminderPublic(
        agreement_id=r.key.agreement_id,
        title=item.title,
        mark_days=r.key.mark_days,
        end_date=r.key.end_date,
        recipients=r.recipients,
        status=r.status,
        attempts=r.attempts,
        error_step=r.error_step,
        last_error=r.last_error,
        sent_at=r.sent_at,
    )


def reminder_list(reminders: Reminders, today: date) -> ReminderList:
    return ReminderList(
        configured=reminders.is_configured,
        marks=list(reminders.settings.reminder_marks),
        planned=[_planned(p, today) for p in reminders.planned(today)],
        recorded=[_recorded(r) for r in reminders.recorded()],
    )


@router.get("/api/reminders", response_model=ReminderList, dependencies=[allow("editor")])
def list_reminders(reminders: RemindersDep) -> ReminderList:
    """The reminders to come (due today first; a failed one with attempts left is tried at
    the next check) and those claimed so far, newest first."""
    return reminder_list(reminders, date.today())


def _contact_public(view: ContactView) -> ReminderContactPublic:
    return ReminderContactPublic(
        unit=view.unit, default_unit=view.default_unit, emails=view.emails, office=view.office
    )


def contact_of(library: LibraryDep, reminders: Reminders, agreement_id: str) -> ContactView:
    """Raises AgreementNotFound."""
    stored = library.get(agreement_id)
    return reminders.contact(agreement_id, derived_fields(stored).regional_office)


@router.get(
    "/api/agreements/{agreement_id}/reminder-contact",
    response_model=ReminderContactPublic,
    dependencies=[allow("editor")],
)
def read_reminder_contact(
    agreement_id: str, library: LibraryDep, reminders: RemindersDep
) -> ReminderContactPublic:
    """The unit and addresses an agreement's reminders go to. 404: no such agreement."""
    return _contact_public(contact_of(library, reminders, agreement_id))


@router.put(
    "/api/agreements/{agreement_id}/reminder-contact",
    response_model=ReminderContactPublic,
    responses={422: {"description": "an address is not one (invalid_reminder_recipients)"}},
    dependencies=[allow("editor", audit="reminder.contact")],
)
def change_reminder_contact(
    agreement_id: str,
    change: ReminderContactChange,
    library: LibraryDep,
    reminders: RemindersDep,
    user: UserDep,
) -> ReminderContactPublic:
    """Set the unit (null: the derived OPD) and the addresses of an agreement's reminders."""
    library.get(agreement_id)
    reminders.set_contact(agreement_id, change.unit or "", ",".join(change.emails), by=user.name)
    return _contact_public(contact_of(library, reminders, agreement_id))


@router.post("/naskah/{agreement_id}/penerima", response_model=None, dependencies=[allow("editor")])
def save_reminder_contact(
    request: Request,
    agreement_id: str,
    library: LibraryDep,
    reminders: RemindersDep,
    accounts: AccountsDep,
    user: UserDep,
    unit: Annotated[str, Form(max_length=200)] = "",
    emails: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """The review page's form: save, audit and go back to the review page; a wrong address
    answers the form again (422) with what was typed and what is wrong."""
    try:
        stored = library.get(agreement_id)
        contact = reminders.set_contact(agreement_id, unit, emails, by=user.name)
    except AgreementNotFound:
        return not_found(request, "agreement.not_found.body")
    except InvalidReminderRecipients as exc:
        t = Translator(lang_of(request))
        view = reminders.contact(agreement_id, derived_fields(stored).regional_office)
        return render(
            request,
            "reminder_contact.html",
            {
                "a": {"id": agreement_id, "title": stored.agreement.title},
                "contact": view,
                "typed": {"unit": unit, "emails": emails},
                "error": t("error.invalid_reminder_recipients", address=exc.address),
            },
            status=422,
        )
    accounts.audit(
        user.name,
        "reminder.contact",
        agreement_id,
        f"unit={contact.unit or '-'}; emails={len(contact.emails)}",
        client_of(request.scope),
    )
    return RedirectResponse(f"/naskah/{agreement_id}/tinjau?penerima=1#penerima", status_code=303)


@router.get("/pengingat", response_class=HTMLResponse, dependencies=[allow("editor")])
def reminders_page(request: Request, reminders: RemindersDep) -> HTMLResponse:
    """Reminders to come and those sent or failed, with who they go to."""
    listing = reminder_list(reminders, date.today())
    return render(
        request,
        "reminders.html",
        {
            "listing": listing,
            "office": list(reminders.settings.reminder_recipients),
            "today": date.today(),
        },
    )
