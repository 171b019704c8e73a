// The agreement page's changes: "Hapus" (to the trash, after an in-page confirmation) and
// "Unggah versi baru" (POST /api/agreements/{id}/versions; a scan becomes a job whose OCR
// progress is followed). Each part exists only for the roles that may use it.
"use strict";
(function () {
  const { t, el, errorText, followJob, cancelButton, jobText, jobError, showProgress } = window.naskah;

  function headers(extra) {
    const h = Object.assign({ Accept: "application/json" }, extra || {});
    if (window.naskah.csrfToken) h["X-CSRF-Token"] = window.naskah.csrfToken;
    return h;
  }

  const ask = document.getElementById("delete-ask");
  const confirmBox = document.getElementById("delete-confirm");
  if (ask && confirmBox) {
    const status = confirmBox.querySelector(".delete-status");
    const yes = document.getElementById("delete-yes");
    const show = (open) => {
      confirmBox.hidden = !open;
      ask.setAttribute("aria-expanded", String(open));
      if (open) yes.focus(); else ask.focus();
    };
    ask.addEventListener("click", () => show(confirmBox.hidden));
    document.getElementById("delete-no").addEventListener("click", () => show(false));
    yes.addEventListener("click", async () => {
      yes.disabled = true;
      status.className = "delete-status busy";
      status.textContent = t("delete.busy");
      try {
        const response = await fetch(`/api/agreements/${encodeURIComponent(confirmBox.dataset.agreement)}`, { method: "DELETE", headers: headers() });
        if (response.status !== 204) {
          const body = await response.json().catch(() => null);
          throw { body, status: response.status };
        }
        location.assign(confirmBox.dataset.after);
      } catch (error) {
        status.className = "delete-status error";
        status.textContent = `${t("delete.failed")}: ${errorText(error && error.body, error && error.status)}`;
        yes.disabled = false;
      }
    });
  }

  const form = document.getElementById("new-version");
  if (!form) return;
  const bar = form.querySelector("progress");
  const status = form.querySelector(".version-status");
  const id = form.dataset.agreement;
  const field = (name) => t("agreement." + name);

  function stored(body) {
    const parts = [t("versions.stored", { n: body.version })];
    parts.push(body.changed.length ? t("versions.changed_now", { fields: body.changed.map(field).join(", ") }) : t("versions.same"));
    if (body.set_aside.length) parts.push(t("versions.set_aside_now", { fields: body.set_aside.map(field).join(", ") }));
    status.className = "version-status done";
    status.replaceChildren(el("p", {}, parts.join(" ")), el("p", {}, el("a", { href: `/naskah/${encodeURIComponent(id)}?versi=${body.version}#versions` }, t("versions.reload"))));
  }

  function failed(error) {
    bar.hidden = true;
    status.className = "version-status failed";
    status.textContent = `${t("versions.failed")}: ${errorText(error && error.body, error && error.status)}`;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = form.querySelector("input[type=file]");
    const file = input.files && input.files[0];
    if (!file) return;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    bar.hidden = false;
    bar.max = 100;
    bar.value = 0;
    status.className = "version-status busy";
    status.textContent = t("upload.uploading", { p: 0 });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/agreements/${encodeURIComponent(id)}/versions`);
    for (const [name, value] of Object.entries(headers())) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      bar.value = Math.round((e.loaded / e.total) * 100);
      status.textContent = t("upload.uploading", { p: bar.value });
    });
    xhr.upload.addEventListener("load", () => { bar.removeAttribute("value"); status.textContent = t("upload.extracting"); });
    xhr.addEventListener("error", () => { failed(null); button.disabled = false; });
    xhr.addEventListener("load", async () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (_) { body = null; }
      try {
        if (xhr.status === 201 && body) {
          bar.hidden = true;
          stored(body);
        } else if (xhr.status === 202 && body) {
          const stop = new AbortController();
          const cancel = cancelButton(body.id, () => stop.abort());
          bar.after(cancel);
          const job = await followJob(body.id, (update) => { status.textContent = jobText(update); showProgress(bar, update); }, stop.signal);
          cancel.remove();
          bar.hidden = true;
          if (!job || job.state === "cancelled") {
            status.className = "version-status cancelled";
            status.textContent = t("job.cancelled");
          } else if (job.state === "failed") {
            failed({ body: jobError(job) });
          } else {
            status.className = "version-status done";
            status.replaceChildren(el("p", {}, t("versions.stored_job")), el("p", {}, el("a", { href: `/naskah/${encodeURIComponent(id)}#versions` }, t("versions.reload"))));
          }
        } else {
          failed({ body, status: xhr.status });
        }
      } catch (error) {
        failed(error);
      } finally {
        button.disabled = false;
      }
    });
    const data = new FormData();
    data.append("file", file, file.name);
    xhr.send(data);
  });
})();
