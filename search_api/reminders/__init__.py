"""Expiry reminders by e-mail, at 90, 30 and 7 days (NASKAH_REMINDER_DAYS) before an
agreement's effective end, sent once to its unit's addresses and NASKAH_REMINDER_TO.

schedule.py  which reminders are due on a day, from the register's rows (pure)
message.py   the mail of one reminder: plain text and HTML, words from the catalogue
smtp.py      sending through NASKAH_SMTP_*: none, STARTTLS or SSL, with a timeout
mailing.py   Reminders: due, send once (claimed in the store), the page's lists, recipients
"""

from search_api.reminders.mailing import (
    ContactView,
    Outgoing,
    Planned,
    Recorded,
    Reminders,
    SendResult,
    keep_reminding,
    parse_emails,
)
from search_api.reminders.message import Addressed, reminder_message
from search_api.reminders.schedule import Reminder, due_mark, due_reminders, planned_reminders
from search_api.reminders.smtp import SmtpServer, send
from search_api.store.sent_reminders import ReminderKey, ReminderStore, SentReminder

__all__ = [
    "Addressed",
    "ContactView",
    "Outgoing",
    "Planned",
    "Recorded",
    "Reminder",
    "ReminderKey",
    "ReminderStore",
    "Reminders",
    "SendResult",
    "SentReminder",
    "SmtpServer",
    "due_mark",
    "due_reminders",
    "keep_reminding",
    "parse_emails",
    "planned_reminders",
    "reminder_message",
    "send",
]
