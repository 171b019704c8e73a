"""Drafts checked lately (Pemeriksaan naskah): held in this process's memory, never stored.

A draft a user checks is read like an upload but not stored: its extraction (and, for an
upload, its bytes, for "Simpan sebagai naskah") wait here so the result page, its print view
and its DOCX can be shown again, for the user who checked it only. A draft whose OCR runs
as a background job is reserved under the job's id and filled when the job is done.

Bounded: at most MAX_HELD drafts and MAX_HELD_BYTES of originals, each for HOLD_S; the
oldest go first. A restart forgets them all (the user checks the draft again).
"""

from __future__ import annotations

import io
import logging
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Final

from ingest.model import Agreement
from search_api.errors import CheckNotFound

log = logging.getLogger(__name__)

# A review session's worth: long enough to read, print and download, short enough that a
# draft is not kept around; a few dozen reviewers at once.
HOLD_S: Final = 2 * 3600
MAX_HELD: Final = 64
MAX_HELD_BYTES: Final = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CheckedDraft:
    """A draft held for its check. `agreement` is None while its OCR job runs; `data` is
    the uploaded original (None for pasted text, which cannot be saved as an agreement);
    `kind` the pack the user chose (None: naskah chooses); `error` why its job could not
    read it (then it holds neither bytes nor extraction)."""

    id: str
    owner: str
    filename: str
    data: bytes | None
    agreement: Agreement | None
    kind: str | None
    held_at: float  # time.monotonic()
    error: tuple[str, str] | None = None  # (code, message) of a job that failed to read it

    @property
    def is_pasted(self) -> bool:
        return self.data is None

    @property
    def is_read(self) -> bool:
        return self.agreement is not None

    @property
    def is_waiting(self) -> bool:
        return self.agreement is None and self.error is None


class CheckedDrafts:
    """Thread-safe: the routes hold and read drafts, the job threads fill them."""

    def __init__(
        self,
        *,
        hold_s: float = HOLD_S,
        max_held: int = MAX_HELD,
        max_bytes: int = MAX_HELD_BYTES,
    ) -> None:
        self.hold_s = hold_s
        self.max_held = max_held
        self.max_bytes = max_bytes
        self._held: OrderedDict[str, CheckedDraft] = OrderedDict()
        self._lock = threading.Lock()

    def hold(
        self,
        *,
        owner: str,
        filename: str,
        data: bytes | None,
        agreement: Agreement | None,
        kind: str | None = None,
        draft_id: str | None = None,
    ) -> CheckedDraft:
        """Hold a draft (read, or with `agreement` None waiting for its job `draft_id`)."""
        draft = CheckedDraft(
            id=draft_id or uuid.uuid4().hex,
            owner=owner,
            filename=filename,
            data=data,
            agreement=agreement,
            kind=kind,
            held_at=time.monotonic(),
        )
        with self._lock:
            self._held[draft.id] = draft
            self._trim()
        log.info(
            "drafts step=hold draft=%s file=%s read=%s held=%d",
            draft.id,
            filename,
            draft.is_read,
            len(self._held),
        )
        return draft

    def fill(self, draft_id: str, agreement: Agreement) -> bool:
        """The job of a reserved draft is done: hold its extraction. False when the draft is
        no longer held (expired, or this process never reserved it)."""
        with self._lock:
            draft = self._held.get(draft_id)
            if draft is None or not draft.is_waiting:
                return False
            self._held[draft_id] = replace(draft, agreement=agreement, held_at=time.monotonic())
        return True

    def is_waiting(self, draft_id: str) -> bool:
        """A draft is reserved for this job and still waits for its extraction."""
        with self._lock:
            self._expire()
            draft = self._held.get(draft_id)
            return draft is not None and draft.is_waiting

    def fail(self, draft_id: str, code: str, message: str) -> None:
        """The job of a reserved draft could not read it: keep only why, for its user."""
        with self._lock:
            draft = self._held.get(draft_id)
            if draft is not None:
                self._held[draft_id] = replace(draft, data=None, error=(code, message))

    def drop(self, draft_id: str) -> None:
        with self._lock:
            self._held.pop(draft_id, None)

    def get(self, draft_id: str, owner: str) -> CheckedDraft:
        """The draft `owner` checked. Raises CheckNotFound for an unknown, expired or other
        user's draft (the same answer: a draft's existence is not told to others)."""
        with self._lock:
            self._expire()
            draft = self._held.get(draft_id)
        if draft is None or draft.owner != owner:
            raise CheckNotFound(draft_id)
        return draft

    def __len__(self) -> int:
        with self._lock:
            return len(self._held)

    def _expire(self) -> None:
        oldest = time.monotonic() - self.hold_s
        for draft_id in [i for i, d in self._held.items() if d.held_at < oldest]:
            del self._held[draft_id]

    def _trim(self) -> None:
        self._expire()
        while len(self._held) > self.max_held or (
            len(self._held) > 1
            and sum(len(d.data or b"") for d in self._held.values()) > self.max_bytes
        ):
            draft_id, _ = self._held.popitem(last=False)
            log.info("drafts step=evict draft=%s", draft_id)


# XML 1.0 has no place for control characters other than tab and newline: python-docx
# refuses them, and pasted text from a PDF viewer often carries some (form feeds).
_NOT_XML = dict.fromkeys(
    [c for c in range(32) if c not in (9, 10)] + list(range(0x7F, 0xA0)) + [0xFFFE, 0xFFFF]
)


def pasted_docx(text: str) -> bytes:
    """Pasted text as a DOCX, one paragraph per line, so that it is read as an uploaded
    draft is: by the same workers, within the same limits."""
    import docx

    document = docx.Document()
    for line in text.replace("\r\n", "\n").replace("\r", "\n").translate(_NOT_XML).split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
