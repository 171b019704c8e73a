// Background jobs (OCR of scans): follow GET /api/jobs/{id} until it is done, failed or
// cancelled, and say where it is ("OCR halaman k dari n"); a "Batalkan" button cancels it
// (POST /api/jobs/{id}/cancel). Used by the upload and agreement pages.
"use strict";
(function () {
  const { t, el } = window.naskah;
  const POLL_MS = 700;
  const ENDED = ["done", "failed", "cancelled"];

  // Resolves with the job once done, failed or cancelled, or with null once `signal` (an
  // AbortSignal, optional) is aborted; onUpdate(job) after every poll. Rejects with
  // {body, status} when the API refuses, and with the fetch error when the network fails.
  async function followJob(id, onUpdate, signal) {
    for (;;) {
      let response;
      try {
        response = await fetch(`/api/jobs/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" }, signal });
      } catch (error) {
        if (signal && signal.aborted) return null;
        throw error;
      }
      let body = null;
      try { body = await response.json(); } catch (_) { body = null; }
      if (signal && signal.aborted) return null;
      if (!response.ok || !body) throw { body, status: response.status };
      onUpdate(body);
      if (ENDED.includes(body.state)) return body;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  // Asks the server to cancel the job: resolves with it (cancelled, or with 202 still
  // stopping: following it shows the end). Rejects with {body, status} as followJob does.
  async function cancelJob(id) {
    const headers = { Accept: "application/json" };
    if (window.naskah.csrfToken) headers["X-CSRF-Token"] = window.naskah.csrfToken;
    const response = await fetch(`/api/jobs/${encodeURIComponent(id)}/cancel`, { method: "POST", headers });
    let body = null;
    try { body = await response.json(); } catch (_) { body = null; }
    if (!response.ok || !body) throw { body, status: response.status };
    return body;
  }

  // A "Batalkan" button for job `id`: a click cancels it and, once the server says it is
  // cancelled, calls onCancelled() (the caller stops following it). A refusal (the job ended
  // meanwhile: following it shows how) gives the button back only if the job may still run.
  function cancelButton(id, onCancelled) {
    const button = el("button", { type: "button", class: "secondary job-cancel" }, t("job.cancel"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const job = await cancelJob(id);
        if (job.state === "cancelled") onCancelled();
      } catch (error) {
        if (!error || error.status !== 409) button.disabled = false;
      }
    });
    return button;
  }

  // `page` counts pages OCR has finished: while running, the page being read is the next one.
  function jobText(job) {
    if (job.state === "queued") return t(job.pages ? "job.queued" : "job.waiting");
    // a web process that reads nothing itself (NASKAH_WORKERS=0): pages unknown until OCR
    if (!job.pages) return t("job.reading");
    if (job.state === "running" && job.page >= job.pages) return t("job.finishing");
    if (job.state === "running") return t("job.ocr_page", { k: job.page + 1, n: job.pages });
    return t("job.ocr_page", { k: job.page, n: job.pages });
  }

  // A failed job's error as the API's error body, for naskah.errorText.
  function jobError(job) {
    const values = Object.assign({ file_name: job.filename }, job.values || {});
    return { error: { code: job.code, message: job.message, values } };
  }

  // Shows a job's progress on a <progress>: page k of n once n is known, else indeterminate.
  function showProgress(bar, job) {
    if (job.pages) { bar.max = job.pages; bar.value = job.page; } else { bar.removeAttribute("value"); }
  }

  Object.assign(window.naskah, { followJob, cancelJob, cancelButton, jobText, jobError, showProgress });
})();
