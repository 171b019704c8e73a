// Upload: drag and drop or choose files; each goes to POST /api/agreements by XHR (upload
// progress), then shows the extraction state and a summary with a link to the review form.
// A scan answers 202 with a job: its OCR progress is followed (jobs.js) while the next file goes.
"use strict";
(function () {
  const { t, el, formatDate, errorText, followJob, cancelButton, jobText, jobError, showProgress } = window.naskah;
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("file-input");
  const queue = document.getElementById("queue");
  const section = document.getElementById("queue-section");
  const queueStatus = document.getElementById("queue-status");
  const maxBytes = Number(zone.dataset.maxMb) * 1024 * 1024;
  const ACCEPTED = /\.(pdf|docx|jpe?g|png|tiff?)$/i;
  const pending = [];
  let busy = false;
  let following = 0; // scans whose OCR job is still followed

  function sizeText(bytes) {
    return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  }

  function add(files) {
    section.hidden = false;
    queueStatus.textContent = "";
    for (const file of files) {
      const bar = el("progress", { max: "100", value: "0", "aria-label": file.name });
      const state = el("span", { class: "file-state" }, t("upload.waiting"));
      const result = el("div", { class: "file-result" });
      const item = el("li", { class: "file-item", "data-name": file.name },
        el("div", { class: "file-head" }, el("span", { class: "file-name" }, file.name), el("span", { class: "muted" }, sizeText(file.size))),
        bar, state, result);
      queue.append(item);
      if (!ACCEPTED.test(file.name)) { fail(item, t("upload.unsupported")); continue; }
      if (file.size > maxBytes) { fail(item, t("error.file_too_large", { limit_mb: zone.dataset.maxMb })); continue; }
      pending.push({ file, item });
    }
    next();
  }

  function fail(item, message) {
    item.classList.add("failed");
    const bar = item.querySelector("progress");
    bar.value = 100;
    item.querySelector(".file-state").textContent = `${t("upload.failed")}: ${message}`;
  }

  function next() {
    if (busy) return;
    const job = pending.shift();
    if (!job) {
      if (queue.children.length && !following) queueStatus.textContent = t("upload.all_done");
      return;
    }
    busy = true;
    send(job).finally(() => { busy = false; next(); });
  }

  function send({ file, item }) {
    return new Promise((resolve) => {
      const bar = item.querySelector("progress");
      const state = item.querySelector(".file-state");
      item.classList.add("active");
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/agreements");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("X-CSRF-Token", window.naskah.csrfToken);
      xhr.upload.addEventListener("progress", (event) => {
        if (!event.lengthComputable) return;
        const p = Math.round((event.loaded / event.total) * 100);
        bar.value = p;
        state.textContent = t("upload.uploading", { p });
      });
      xhr.upload.addEventListener("load", () => {
        bar.removeAttribute("value"); // indeterminate while the server extracts
        state.textContent = t("upload.extracting");
        item.classList.add("extracting");
      });
      xhr.addEventListener("load", async () => {
        item.classList.remove("active", "extracting");
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch (_) { body = null; }
        if (xhr.status === 200 || xhr.status === 201) {
          bar.value = 100;
          finished(item, body, xhr.status === 200);
          await summarise(item, body);
        } else if (xhr.status === 202 && body) {
          follow(item, body); // the next file need not wait for OCR
        } else {
          fail(item, errorText(body, xhr.status));
        }
        resolve();
      });
      xhr.addEventListener("error", () => { item.classList.remove("active", "extracting"); fail(item, t("error.network")); resolve(); });
      const data = new FormData();
      data.append("file", file, file.name);
      xhr.send(data);
    });
  }

  async function follow(item, job) {
    const bar = item.querySelector("progress");
    const state = item.querySelector(".file-state");
    following += 1;
    item.classList.add("extracting", "ocr");
    const stop = new AbortController();
    const cancel = cancelButton(job.id, () => stop.abort());
    state.after(cancel);
    try {
      const end = await followJob(job.id, (update) => { state.textContent = jobText(update); showProgress(bar, update); }, stop.signal);
      cancel.remove();
      item.classList.remove("extracting");
      if (!end || end.state === "cancelled") {
        item.classList.add("cancelled");
        bar.max = 100;
        bar.value = 0;
        state.textContent = t("job.cancelled");
      } else if (end.state === "failed") {
        fail(item, errorText(jobError(end)));
      } else {
        const response = await fetch(`/api/agreements/${encodeURIComponent(end.agreement_id)}`, { headers: { Accept: "application/json" } });
        const agreement = await response.json();
        if (!response.ok) throw { body: agreement, status: response.status };
        bar.max = 100;
        bar.value = 100;
        finished(item, agreement, false);
        await summarise(item, agreement);
      }
    } catch (error) {
      cancel.remove();
      item.classList.remove("extracting");
      fail(item, errorText(error && error.body, error && error.status));
    } finally {
      following -= 1;
      if (!busy && !pending.length && !following) queueStatus.textContent = t("upload.all_done");
    }
  }

  // An extraction that found no Pasal, no party or no date is not a success: it is shown
  // amber with what is missing, and the review link comes first (never a green "Selesai").
  function finished(item, agreement, duplicate) {
    const gaps = agreement.warnings || [];
    const found = gaps.length
      ? t("upload.done_gaps", { what: gaps.map((gap) => t(`gap.${gap}`)).join(", ") })
      : t("upload.done", { n: agreement.clauses.length });
    item.classList.add(gaps.length ? "needs-review" : "done");
    item.querySelector(".file-state").textContent = duplicate ? `${t("upload.duplicate")} · ${found}` : found;
  }

  async function summarise(item, agreement) {
    let doubts = 0;
    try {
      const response = await fetch(`/api/agreements/${encodeURIComponent(agreement.id)}/review`);
      if (response.ok) doubts = (await response.json()).fields.filter((f) => f.doubts.length).length;
    } catch (_) { /* the summary still shows without the doubt count */ }
    const parties = agreement.parties.map((p) => p.name).join("; ") || t("empty");
    const list = el("dl", { class: "summary" },
      el("dt", {}, t("agreement.title")), el("dd", { class: "summary-title" }, agreement.title || t("empty")),
      el("dt", {}, t("upload.summary.parties")), el("dd", {}, parties),
      el("dt", {}, t("upload.summary.signed")), el("dd", {}, formatDate(agreement.signed_date)),
      el("dt", {}, t("upload.summary.expiry")), el("dd", {}, formatDate(agreement.expiry_date)));
    const links = el("p", { class: "file-links" },
      el("a", { class: "button", href: `/naskah/${encodeURIComponent(agreement.id)}/tinjau` }, t("upload.review")), " ",
      el("a", { class: "button secondary", href: `/naskah/${encodeURIComponent(agreement.id)}` }, t("upload.open")));
    const result = item.querySelector(".file-result");
    result.replaceChildren(list);
    if (doubts) result.append(el("p", { class: "doubt" }, "⚠ " + t("upload.summary.doubts", { n: doubts })));
    result.append(links);
  }

  input.addEventListener("change", () => { add(Array.from(input.files)); input.value = ""; });
  for (const name of ["dragenter", "dragover"]) {
    zone.addEventListener(name, (event) => { event.preventDefault(); zone.classList.add("dragging"); });
  }
  for (const name of ["dragleave", "drop"]) {
    zone.addEventListener(name, () => zone.classList.remove("dragging"));
  }
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) add(Array.from(event.dataTransfer.files));
  });
})();
