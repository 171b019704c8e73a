// The trash page: "Pulihkan" (POST /api/trash/{id}/restore, then the agreement's page),
// "Hapus permanen" of one (DELETE /api/trash/{id}) and "Kosongkan Sampah" (DELETE /api/trash),
// each removal after an in-page confirmation.
"use strict";
(function () {
  const { t, errorText } = window.naskah;
  const status = document.getElementById("trash-status");

  function headers() {
    const h = { Accept: "application/json" };
    if (window.naskah.csrfToken) h["X-CSRF-Token"] = window.naskah.csrfToken;
    return h;
  }

  async function call(method, url) {
    const response = await fetch(url, { method, headers: headers() });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      throw { body, status: response.status };
    }
    return response;
  }

  function failed(error) {
    status.className = "trash-status error";
    status.textContent = `${t("trash.failed")}: ${errorText(error && error.body, error && error.status)}`;
  }

  for (const button of document.querySelectorAll("button.restore")) {
    button.addEventListener("click", async () => {
      const id = button.closest("tr").dataset.agreement;
      button.disabled = true;
      status.className = "trash-status busy";
      status.textContent = t("trash.restoring");
      try {
        await call("POST", `/api/trash/${encodeURIComponent(id)}/restore`);
        location.assign(`/naskah/${encodeURIComponent(id)}?dipulihkan=1`);
      } catch (error) {
        failed(error);
        button.disabled = false;
      }
    });
  }

  const purgeBox = document.getElementById("purge-confirm");
  let purging = null;
  for (const button of document.querySelectorAll("button.purge")) {
    button.addEventListener("click", () => {
      purging = button;
      purgeBox.querySelector("#purge-confirm-text").textContent = button.dataset.confirm;
      purgeBox.hidden = false;
      document.getElementById("purge-yes").focus();
    });
  }
  if (purgeBox) {
    document.getElementById("purge-no").addEventListener("click", () => {
      purgeBox.hidden = true;
      if (purging) purging.focus();
    });
    document.getElementById("purge-yes").addEventListener("click", async (event) => {
      const id = purging.closest("tr").dataset.agreement;
      event.target.disabled = true;
      try {
        await call("DELETE", `/api/trash/${encodeURIComponent(id)}`);
        location.reload();
      } catch (error) {
        failed(error);
        event.target.disabled = false;
      }
    });
  }

  const empty = document.getElementById("empty-trash");
  if (empty) {
    const box = document.getElementById("empty-confirm");
    const open = (show) => { box.hidden = !show; empty.setAttribute("aria-expanded", String(show)); if (show) document.getElementById("empty-yes").focus(); };
    empty.addEventListener("click", () => open(box.hidden));
    document.getElementById("empty-no").addEventListener("click", () => { open(false); empty.focus(); });
    document.getElementById("empty-yes").addEventListener("click", async (event) => {
      event.target.disabled = true;
      try {
        await call("DELETE", "/api/trash");
        location.reload();
      } catch (error) {
        failed(error);
        event.target.disabled = false;
      }
    });
  }
})();
