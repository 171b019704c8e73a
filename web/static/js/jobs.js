// Background jobs (OCR of scans): follow GET /api/jobs/{id} until it is done or failed, and say
// where it is ("OCR halaman k dari n"). Used by the upload and agreement pages.
"use strict";
(function () {
  const { t } = window.naskah;
  const POLL_MS = 700;

  // Resolves with the job once done or failed; onUpdate(job) after every poll. Rejects with
  // {body, status} when the API refuses, and with the fetch error when the network fails.
  async function followJob(id, onUpdate) {
    for (;;) {
      const response = await fetch(`/api/jobs/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
      let body = null;
      try { body = await response.json(); } catch (_) { body = null; }
      if (!response.ok || !body) throw { body, status: response.status };
      onUpdate(body);
      if (body.state === "done" || body.state === "failed") return body;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  // `page` counts pages OCR has finished: while running, the page being read is the next one.
  function jobText(job) {
    if (job.state === "queued" || !job.pages) return t("job.queued");
    if (job.state === "running" && job.page >= job.pages) return t("job.finishing");
    if (job.state === "running") return t("job.ocr_page", { k: job.page + 1, n: job.pages });
    return t("job.ocr_page", { k: job.page, n: job.pages });
  }

  // A failed job's error as the API's error body, for naskah.errorText.
  function jobError(job) {
    return { error: { code: job.code, message: job.message } };
  }

  // Shows a job's progress on a <progress>: page k of n once n is known, else indeterminate.
  function showProgress(bar, job) {
    if (job.pages) { bar.max = job.pages; bar.value = job.page; } else { bar.removeAttribute("value"); }
  }

  Object.assign(window.naskah, { followJob, jobText, jobError, showProgress });
})();
