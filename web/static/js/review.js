// The review form: show each value's source passage, add or remove parties, and save through
// PATCH /api/agreements/{id} only the fields the reviewer changed or ticked "Konfirmasi": an
// untouched field stays as it was (machine value, or an earlier correction).
"use strict";
(function () {
  const { t, el, errorText } = window.naskah;
  const form = document.getElementById("review-form");
  const text = document.getElementById("review-text");
  const parties = document.getElementById("parties");
  const status = document.getElementById("save-status");
  const id = form.dataset.agreement;

  function show(field) {
    let first = null;
    for (const mark of text.querySelectorAll("mark.src")) {
      const hit = mark.dataset.fields.split(" ").includes(field);
      mark.classList.toggle("active", hit);
      if (hit && !first) first = mark;
    }
    if (first) {
      text.scrollTop = first.offsetTop - text.offsetTop - 40;
      first.scrollIntoView({ block: "nearest" });
    }
  }
  for (const button of form.querySelectorAll(".source-btn")) {
    button.addEventListener("click", () => show(button.dataset.field));
  }
  for (const box of form.querySelectorAll("[data-field]")) {
    box.addEventListener("focusin", () => show(box.dataset.field));
  }

  function renumber() {
    parties.querySelectorAll("[data-party]").forEach((party, i) => {
      party.querySelector(".party-title").textContent = t("review.party", { n: i + 1 });
    });
  }
  parties.addEventListener("click", (event) => {
    const button = event.target.closest(".remove-party");
    if (!button) return;
    button.closest("[data-party]").remove();
    renumber();
  });
  document.getElementById("add-party").addEventListener("click", () => {
    const copy = document.getElementById("party-template").content.cloneNode(true);
    parties.append(copy);
    renumber();
    parties.lastElementChild.querySelector("input[name=role]").focus();
  });

  const value = (name) => form.elements[name].value.trim();
  const orNull = (v) => (v === "" ? null : v);
  const lines = (name) => form.elements[name].value.split("\n").map((s) => s.trim()).filter(Boolean);

  function payload() {
    const term = ["years", "months", "days"].map((u) => value("term_" + u));
    const partyList = Array.from(parties.querySelectorAll("[data-party]")).map((box) => {
      const get = (n) => box.querySelector(`input[name=${n}]`).value.trim();
      return { role: orNull(get("role")), name: get("name"), representative: orNull(get("representative")), position: orNull(get("position")) };
    }).filter((p) => p.name);
    return {
      title: value("title"),
      doc_type: value("doc_type"),
      language: value("language"),
      numbers: lines("numbers"),
      parties: partyList,
      signed_date: orNull(value("signed_date")),
      signed_place: orNull(value("signed_place")),
      effective_date: orNull(value("effective_date")),
      term: term.every((v) => v === "") ? null
        : { years: Number(term[0] || 0), months: Number(term[1] || 0), days: Number(term[2] || 0) },
      expiry_date: orNull(value("expiry_date")),
      subject: orNull(value("subject")),
      references: lines("references"),
    };
  }

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const initial = payload();

  // The fields to record: changed since the page loaded, or ticked to confirm as they are.
  function chosen() {
    const now = payload();
    const ticked = new Set(Array.from(form.querySelectorAll("input[name=confirm]:checked"), (box) => box.value));
    return Object.fromEntries(Object.entries(now).filter(([name, value]) => ticked.has(name) || !same(value, initial[name])));
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = chosen();
    if (!Object.keys(body).length) {
      status.className = "save-status error";
      status.textContent = t("review.nothing");
      return;
    }
    const button = document.getElementById("save");
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    status.className = "save-status busy";
    status.textContent = t("review.saving");
    try {
      const response = await fetch(`/api/agreements/${encodeURIComponent(id)}`, {
        method: "PATCH",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRF-Token": window.naskah.csrfToken,
        },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        throw Object.assign(new Error("http"), { body, status: response.status });
      }
      status.className = "save-status ok";
      status.textContent = t("review.saved");
      location.assign(`/naskah/${encodeURIComponent(id)}?disimpan=1`);
    } catch (error) {
      status.className = "save-status error";
      status.replaceChildren(el("span", {}, t("review.error", { message: errorText(error.body, error.status) })));
      button.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });
})();
