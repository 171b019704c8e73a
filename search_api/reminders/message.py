"""The e-mail of one expiry reminder: plain text and a simple HTML part (every value escaped),
in the language of NASKAH_REMINDER_LANG, its words from the catalogue (`mail.reminder.*`)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from search_api.catalogue import Lang, text, written_date
from search_api.reminders.schedule import Reminder


@dataclass(frozen=True, slots=True)
class Addressed:
    """Who a reminder goes to: the responsible unit (None: not known) and the addresses."""

    unit: str | None
    recipients: list[str]


def agreement_link(public_url: str, agreement_id: str) -> str:
    return f"{public_url.rstrip('/')}/naskah/{agreement_id}"


def _lines(reminder: Reminder, to: Addressed, lang: Lang, link: str) -> list[tuple[str, str]]:
    """(label, value) of the facts a reader needs, in order."""
    row = reminder.row
    end = written_date(reminder.key.end_date, lang)
    if row.extended_until is not None:
        end = text(lang, "mail.reminder.extended", end=end)
    follow_ups = [
        text(lang, f"doc_type.short.{u.doc_type}")
        + (f" {', '.join(u.numbers)}" if u.numbers else "")
        + (f" ({written_date(u.signed_date, lang)})" if u.signed_date else "")
        for u in row.followed_by
    ]
    facts = [
        (text(lang, "mail.reminder.label.title"), row.title or row.filename),
        (text(lang, "mail.reminder.label.numbers"), "; ".join(row.numbers) or "-"),
        (text(lang, "mail.reminder.label.parties"), "; ".join(row.parties) or "-"),
        (text(lang, "mail.reminder.label.end"), end),
        (text(lang, "mail.reminder.label.unit"), to.unit or text(lang, "mail.reminder.no_unit")),
        (
            text(lang, "mail.reminder.label.follow_up"),
            text(lang, "mail.reminder.follow_up.stored", list="; ".join(follow_ups))
            if follow_ups
            else text(lang, "mail.reminder.follow_up.none"),
        ),
        (text(lang, "mail.reminder.label.link"), link),
    ]
    return facts


def reminder_message(
    reminder: Reminder, to: Addressed, *, sender: str, lang: Lang, public_url: str
) -> EmailMessage:
    """The mail of `reminder` to `to.recipients` from `sender`, with a link under `public_url`."""
    row = reminder.row
    title = row.title or row.filename
    days = reminder.days_left
    end = written_date(reminder.key.end_date, lang)
    link = agreement_link(public_url, row.id)
    when = (
        text(lang, "mail.reminder.ends_today", end=end)
        if days == 0
        else text(lang, "mail.reminder.ends_in", days=days, end=end)
    )
    greeting = (
        text(lang, "mail.reminder.greeting.unit", unit=to.unit)
        if to.unit
        else text(lang, "mail.reminder.greeting")
    )
    facts = _lines(reminder, to, lang, link)
    footer = text(lang, "mail.reminder.footer", mark=reminder.key.mark_days)

    message = EmailMessage()
    message["Subject"] = text(
        lang,
        "mail.reminder.subject.today" if days == 0 else "mail.reminder.subject",
        title=_one_line(title),
        end=end,
        days=days,
    )
    message["From"] = sender
    message["To"] = ", ".join(to.recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid("naskah")
    plain = [greeting, "", when, ""]
    plain += [f"{label}: {value}" for label, value in facts]
    plain += ["", footer]
    message.set_content("\n".join(plain) + "\n")

    esc = html.escape
    rows = "\n".join(
        f'<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">{esc(label)}'
        f"</th><td>{_html_value(label, value, link)}</td></tr>"
        for label, value in facts
    )
    page = (
        f'<!doctype html><html lang="{lang}"><body style="font-family:sans-serif">'
        f"<p>{esc(greeting)}</p><p><strong>{esc(when)}</strong></p>"
        f'<table>{rows}</table><p style="color:#555">{esc(footer)}</p></body></html>'
    )
    message.add_alternative(page, subtype="html")
    return message


def _html_value(label: str, value: str, link: str) -> str:
    if value == link:
        return f'<a href="{html.escape(link, quote=True)}">{html.escape(link)}</a>'
    return html.escape(value)


def _one_line(value: str) -> str:
    """A subject is one line: a title read over two lines of the title block stays one."""
    return " ".join(value.split())


def addresses(*groups: Sequence[str]) -> list[str]:
    """The addresses of every group, each once (compared without case), in order."""
    seen: set[str] = set()
    out = []
    for group in groups:
        for address in group:
            if address.casefold() not in seen:
                seen.add(address.casefold())
                out.append(address)
    return out
