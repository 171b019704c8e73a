// The agreement page's "Ulangi OCR" form: POST /api/agreements/{id}/ocr with the chosen
// language, then follow the job's progress (with a "Batalkan" button) and offer to reload the
// page with the new text.
"use strict";
(function () {
  const { t, el, errorText, followJob, cancelButton, jobText, jobError, showProgress } = window.naskah;
  const section = document.getElementById("ocr-again");
  if (!section) return;
  const form = section.querySelector("form");
  const bar = section.querySelector("progress");
  const status = section.querySelector(".job-status");

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    const data = new FormData(form);
    const payload = { languages: data.get("languages") || "ind+eng", all_pages: data.get("all_pages") === "1" };
    button.disabled = true;
    bar.hidden = false;
    bar.removeAttribute("value");
    status.classList.remove("failed", "done", "cancelled");
    let cancel = null;
    status.textContent = t("job.queued");
    try {
      const headers = { "Content-Type": "application/json", Accept: "application/json" };
      if (window.naskah.csrfToken) headers["X-CSRF-Token"] = window.naskah.csrfToken;
      const response = await fetch(`/api/agreements/${encodeURIComponent(section.dataset.agreement)}/ocr`, {
        method: "POST", headers, body: JSON.stringify(payload),
      });
      let body = null;
      try { body = await response.json(); } catch (_) { body = null; }
      if (response.status !== 202 || !body) throw { body, status: response.status };
      const stop = new AbortController();
      cancel = cancelButton(body.id, () => stop.abort());
      bar.after(cancel);
      const job = await followJob(body.id, (update) => { status.textContent = jobText(update); showProgress(bar, update); }, stop.signal);
      if (!job || job.state === "cancelled") {
        bar.hidden = true;
        status.classList.add("cancelled");
        status.textContent = t("job.cancelled");
        return;
      }
      if (job.state === "failed") throw { body: jobError(job) };
      status.classList.add("done");
      status.replaceChildren(t("ocr_again.done"), " ", el("a", { href: location.pathname + location.search }, t("ocr_again.reload")));
    } catch (error) {
      bar.hidden = true;
      status.classList.add("failed");
      status.textContent = `${t("job.failed")}: ${errorText(error && error.body, error && error.status)}`;
    } finally {
      if (cancel) cancel.remove();
      button.disabled = false;
    }
  });
})();
