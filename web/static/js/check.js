// Pemeriksaan naskah: send a draft (a file, or pasted text) to POST /api/check, show the
// upload and OCR progress, and open its result page (/periksa/{id}) once it is checked. A
// scan answers 202 with a job: GET /api/check/{id} answers 202 while OCR reads it, then the
// check. On a result page: the print button. Every value from the server is a text node.
"use strict";
(function () {
  const { t, el, errorText, jobText, showProgress } = window.naskah;
  const POLL_MS = 700;

  const printButton = document.getElementById("print-check");
  if (printButton) printButton.addEventListener("click", () => window.print());

  const bar = document.getElementById("check-bar");
  const state = document.getElementById("check-state");
  const errorBox = document.getElementById("check-error");

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function resultUrl(id) {
    return `/periksa/${encodeURIComponent(id)}`;
  }

  async function cancelCheck(id) {
    const headers = { Accept: "application/json", "X-CSRF-Token": window.naskah.csrfToken };
    const response = await fetch(`/api/check/${encodeURIComponent(id)}/cancel`, { method: "POST", headers });
    let body = null;
    try { body = await response.json(); } catch (_) { body = null; }
    if (!response.ok) throw { body, status: response.status };
    return body;
  }

  // Polls the check until it answers 200 (then opens its page) or an error (then says it).
  async function follow(id, onEnd) {
    let cancelled = false;
    const cancel = el("button", { type: "button", class: "secondary", id: "check-cancel" }, t("job.cancel"));
    cancel.addEventListener("click", async () => {
      cancel.disabled = true;
      try {
        const job = await cancelCheck(id);
        if (job.state === "cancelled") { cancelled = true; }
      } catch (error) {
        if (!error || error.status !== 409) cancel.disabled = false;
      }
    });
    state.after(cancel);
    for (;;) {
      if (cancelled) {
        cancel.remove();
        bar.max = 100; bar.value = 0;
        state.textContent = t("job.cancelled");
        onEnd(false);
        return;
      }
      let response;
      let body = null;
      try {
        response = await fetch(`/api/check/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
        try { body = await response.json(); } catch (_) { body = null; }
      } catch (_) {
        cancel.remove();
        showError(t("error.network"));
        onEnd(false);
        return;
      }
      if (response.status === 202 && body) {
        state.textContent = jobText(body);
        showProgress(bar, body);
      } else if (response.ok) {
        cancel.remove();
        state.textContent = t("check.done");
        window.location.assign(resultUrl(id));
        return;
      } else {
        cancel.remove();
        if (cancelled) {
          state.textContent = t("job.cancelled");
        } else {
          state.textContent = "";
          showError(errorText(body, response.status));
        }
        onEnd(false);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  // The result page of a draft OCR is still reading: follow it, then show the result.
  const waiting = document.getElementById("check-waiting");
  if (waiting) follow(waiting.dataset.checkId, () => {});

  const form = document.getElementById("check-form");
  if (!form) return;
  const fileInput = document.getElementById("draft-file");
  const textInput = document.getElementById("draft-text");
  const kindInput = document.getElementById("check-kind");
  const submit = document.getElementById("check-submit");
  const progress = document.getElementById("check-progress");
  const maxBytes = Number(form.dataset.maxMb) * 1024 * 1024;
  const maxChars = Number(form.dataset.maxChars);
  const ACCEPTED = /\.(pdf|docx|jpe?g|png|tiff?)$/i;

  function finish(ok) {
    submit.disabled = false;
    form.removeAttribute("aria-busy");
    if (!ok) bar.value = 0;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    errorBox.hidden = true;
    const file = fileInput.files && fileInput.files[0];
    const text = textInput.value;
    if (!file && !text.trim()) { showError(t("check.nothing")); return; }
    if (file && !ACCEPTED.test(file.name)) { showError(t("upload.unsupported")); return; }
    if (file && file.size > maxBytes) { showError(t("error.file_too_large")); return; }
    if (!file && text.length > maxChars) { showError(t("error.document_too_large")); return; }
    submit.disabled = true;
    form.setAttribute("aria-busy", "true");
    progress.hidden = false;
    bar.max = 100;
    bar.value = 0;
    state.textContent = file ? t("upload.uploading", { p: 0 }) : t("check.reading");

    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/check?lang=${encodeURIComponent(window.naskah.lang)}`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-CSRF-Token", window.naskah.csrfToken);
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable || !file) return;
      const p = Math.round((e.loaded / e.total) * 100);
      bar.value = p;
      state.textContent = t("upload.uploading", { p });
    });
    xhr.upload.addEventListener("load", () => {
      bar.removeAttribute("value"); // indeterminate while the server reads and checks
      state.textContent = t("check.reading");
    });
    xhr.addEventListener("load", () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (_) { body = null; }
      if (xhr.status === 200 && body) {
        bar.value = 100;
        state.textContent = t("check.done");
        window.location.assign(resultUrl(body.id));
      } else if (xhr.status === 202 && body) {
        follow(body.id, finish);
      } else {
        state.textContent = "";
        showError(errorText(body, xhr.status));
        finish(false);
      }
    });
    xhr.addEventListener("error", () => { state.textContent = ""; showError(t("error.network")); finish(false); });
    if (file) {
      const data = new FormData();
      data.append("file", file, file.name);
      if (kindInput.value) data.append("kind", kindInput.value);
      xhr.send(data);
    } else {
      xhr.setRequestHeader("Content-Type", "application/json");
      xhr.send(JSON.stringify({ text, kind: kindInput.value || null }));
    }
  });
})();
