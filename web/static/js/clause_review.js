// The clauses on the review page: each change goes to its route under
// /api/agreements/{id}/clauses (a clause correction, kept beside the machine's clauses), then
// the page reloads with the clauses as they are now.
"use strict";
(function () {
  const { t, errorText } = window.naskah;
  const section = document.getElementById("clause-review");
  if (!section) return;
  const id = section.dataset.agreement;
  const base = `/api/agreements/${encodeURIComponent(id)}/clauses`;
  const status = document.getElementById("clause-status");

  async function send(method, url, payload) {
    status.className = "clause-status busy";
    status.textContent = t("review.saving");
    const headers = { Accept: "application/json" };
    if (payload !== undefined) headers["Content-Type"] = "application/json";
    if (window.naskah.csrfToken) headers["X-CSRF-Token"] = window.naskah.csrfToken;
    try {
      const response = await fetch(url, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        throw { body, status: response.status };
      }
      const url2 = new URL(location.href);
      url2.searchParams.set("pasal", "1");
      url2.hash = "clause-review";
      location.assign(url2.toString());
      if (url2.pathname === location.pathname && url2.search === location.search) location.reload();
    } catch (error) {
      status.className = "clause-status error";
      status.textContent = t("review.error", { message: errorText(error && error.body, error && error.status) });
    }
  }

  const orNull = (value) => (value.trim() === "" ? null : value.trim());

  function addForm(after, anchor) {
    for (const open of section.querySelectorAll(".add-form")) open.remove();
    const form = document.getElementById("clause-add-template").content.firstElementChild.cloneNode(true);
    anchor.after(form);
    form.querySelector("input[name=add_number]").focus();
    form.querySelector(".add-no").addEventListener("click", () => form.remove());
    form.querySelector(".add-yes").addEventListener("click", () => {
      const get = (name) => form.querySelector(`[name=${name}]`).value;
      const payload = { after: after || null, text: get("add_text") };
      if (orNull(get("add_number"))) payload.number = get("add_number").trim();
      if (orNull(get("add_heading"))) payload.heading = get("add_heading").trim();
      if (get("add_category")) payload.category = get("add_category");
      send("POST", base, payload);
    });
  }

  for (const button of section.querySelectorAll(".clause-add")) {
    button.addEventListener("click", () => addForm(button.dataset.after, button.closest("li, p")));
  }

  for (const item of section.querySelectorAll(".clause-item")) {
    const clause = `${base}/${encodeURIComponent(item.dataset.clause)}`;
    const field = (name) => item.querySelector(`[name=${name}]`);
    const initial = { number: field("number").value, heading: field("heading").value, category: field("category").value };

    item.querySelector(".clause-save").addEventListener("click", () => {
      const changes = {};
      if (field("number").value.trim() !== initial.number) changes.number = field("number").value.trim();
      if (field("heading").value !== initial.heading) changes.heading = orNull(field("heading").value);
      if (field("category").value !== initial.category) changes.category = field("category").value || null;
      if (!Object.keys(changes).length) {
        status.className = "clause-status error";
        status.textContent = t("error.invalid_clause_correction.nothing_to_change");
        return;
      }
      send("PATCH", clause, changes);
    });

    const text = item.querySelector("textarea.clause-text");
    const splitForm = item.querySelector(".split-form");
    item.querySelector(".clause-split").addEventListener("click", () => {
      splitForm.hidden = false;
      const number = splitForm.querySelector("input[name=split_number]");
      if (!number.value) number.value = `${initial.number}A`;
      number.focus();
    });
    splitForm.querySelector(".split-no").addEventListener("click", () => { splitForm.hidden = true; });
    splitForm.querySelector(".split-yes").addEventListener("click", () => {
      const at = text.selectionStart;
      const get = (name) => splitForm.querySelector(`[name=${name}]`).value;
      const payload = { at, number: get("split_number").trim() };
      if (orNull(get("split_heading"))) payload.heading = get("split_heading").trim();
      if (get("split_category")) payload.category = get("split_category");
      send("POST", `${clause}/split`, payload);
    });

    const merge = item.querySelector(".clause-merge");
    if (merge) merge.addEventListener("click", () => send("POST", `${clause}/merge`));

    // a second click deletes: the first says what it will do
    const remove = item.querySelector(".clause-delete");
    remove.addEventListener("click", () => {
      if (remove.dataset.armed) { send("DELETE", clause); return; }
      remove.dataset.armed = "1";
      remove.textContent = remove.dataset.confirm;
    });
  }
})();
