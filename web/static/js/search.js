// Search as you type: debounced requests to /api/search; results, facets and states built as
// DOM nodes (snippets through naskah.snippetNodes, which keeps everything but <mark> as text).
"use strict";
(function () {
  const { t, el, snippetNodes, formatDate } = window.naskah;
  const categories = JSON.parse(document.getElementById("naskah-categories").textContent);
  const FACETS = ["doc_type", "category", "party", "year", "status", "language"];
  // filters without counts: chosen from a list, not from the answer's facets
  const FILTERS = [...FACETS, "partner_type"];
  const partnerType = document.getElementById("partner-type");
  const PAGE = 20;
  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  const results = document.getElementById("results");
  const status = document.getElementById("results-status");
  const progress = document.getElementById("results-progress");
  const emptyState = document.getElementById("results-empty");
  const noneState = document.getElementById("results-none");
  const partialNote = document.getElementById("results-partial");
  const named = document.getElementById("named");
  const namedList = document.getElementById("named-list");
  const facetBox = document.getElementById("facet-groups");
  const activeBox = document.getElementById("active-filters");

  const params = new URLSearchParams(location.search);
  const state = {
    q: params.get("q") || "",
    scope: params.get("scope") === "agreements" ? "agreements" : "clauses",
    filters: {},
    offset: 0,
  };
  for (const f of FILTERS) if (params.get(f)) state.filters[f] = params.get(f);
  input.value = state.q;
  form.querySelector(`input[name=scope][value=${state.scope}]`).checked = true;

  function label(facet, value) {
    if (facet === "doc_type") return t("doc_type." + value);
    if (facet === "status") return t("status." + value);
    if (facet === "language") return t("lang." + value);
    if (facet === "category") return categories[value] || value;
    if (facet === "partner_type") return t("partner_type." + value);
    return value;
  }

  function apiParams() {
    const p = new URLSearchParams();
    p.set("q", state.q);
    p.set("scope", state.scope);
    for (const [facet, value] of Object.entries(state.filters)) {
      if (facet === "year") { p.set("year_from", value); p.set("year_to", value); }
      else p.set(facet, value);
    }
    p.set("offset", String(state.offset));
    p.set("limit", String(PAGE));
    return p;
  }

  function pageUrl() {
    const p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    if (state.scope !== "clauses") p.set("scope", state.scope);
    for (const [facet, value] of Object.entries(state.filters)) p.set(facet, value);
    const query = p.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  let controller = null;
  let timer = null;
  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(() => run(false), delay);
  }

  async function run(append) {
    if (!append) state.offset = 0;
    if (controller) controller.abort();
    controller = new AbortController();
    history.replaceState(null, "", pageUrl());
    results.setAttribute("aria-busy", "true");
    progress.hidden = false;
    status.textContent = t("search.loading");
    let body;
    try {
      const response = await fetch("/api/search?" + apiParams().toString(), {
        signal: controller.signal, headers: { Accept: "application/json" },
      });
      body = await response.json().catch(() => null);
      if (!response.ok) throw Object.assign(new Error("http"), { body, status: response.status });
    } catch (error) {
      if (error.name === "AbortError") return;
      progress.hidden = true;
      results.removeAttribute("aria-busy");
      status.textContent = t("search.error", { message: window.naskah.errorText(error.body, error.status) });
      return;
    }
    progress.hidden = true;
    results.removeAttribute("aria-busy");
    render(body, append);
  }

  function render(page, append) {
    renderFacets(page.facets || {});
    renderActive();
    const browsing = !state.q.trim() && Object.keys(state.filters).length === 0;
    emptyState.hidden = !browsing;
    noneState.hidden = browsing || page.total > 0;
    if (!append) {
      results.replaceChildren();
      // the agreements a typed number names (first page only): cards above their clauses
      const cards = browsing ? [] : page.agreements || [];
      namedList.replaceChildren(...cards.map(renderHit));
      named.hidden = cards.length === 0;
      partialNote.hidden = browsing || !page.partial;
    }
    if (browsing) {
      status.textContent = "";
      removeMore();
      return;
    }
    status.textContent = page.total === 1 ? t("search.count.one") : t("search.count", { n: page.total });
    if (page.total === 0) renderNone(page);
    for (const hit of page.hits) results.append(renderHit(hit));
    removeMore();
    if (page.offset + page.hits.length < page.total) {
      const more = el("button", { type: "button", class: "secondary more", id: "more" },
        t("search.count", { n: `+${Math.min(PAGE, page.total - page.offset - page.hits.length)}` }));
      more.addEventListener("click", () => { state.offset += PAGE; run(true); });
      results.after(more);
    }
  }

  function removeMore() {
    const more = document.getElementById("more");
    if (more) more.remove();
  }

  function renderHit(hit) {
    const isClause = hit.clause_id !== null;
    const href = isClause
      ? `/naskah/${encodeURIComponent(hit.agreement_id)}#pasal-${encodeURIComponent(hit.clause_id)}`
      : `/naskah/${encodeURIComponent(hit.agreement_id)}`;
    const heading = isClause
      ? t("clause", { n: hit.clause_number }) + (hit.heading ? " · " + hit.heading : "")
      : hit.title;
    const meta = el("p", { class: "hit-meta" });
    if (isClause) meta.append(el("span", { class: "hit-title" }, hit.title));
    if (hit.category) meta.append(el("span", { class: "badge category" }, label("category", hit.category)));
    if (hit.signed_date) meta.append(el("span", {}, t("search.signed", { date: formatDate(hit.signed_date) })));
    const item = el("li", { class: "hit" },
      el("h3", {}, el("a", { href, title: isClause ? t("search.open_clause") : null }, heading)),
      meta,
      el("p", { class: "snippet" }, snippetNodes(hit.snippet)));
    if (isClause) {
      item.append(el("p", { class: "hit-actions" },
        el("a", { href: "/preseden?pasal=" + encodeURIComponent(hit.clause_id) }, t("search.precedents"))));
    }
    return item;
  }

  function renderNone(page) {
    const suggest = document.getElementById("none-suggest");
    suggest.replaceChildren();
    suggest.hidden = !page.suggestion;
    if (page.suggestion) {
      const button = el("button", { type: "button", class: "linkish" }, page.suggestion);
      button.addEventListener("click", () => { input.value = page.suggestion; state.q = page.suggestion; run(false); });
      suggest.append(t("search.suggest") + " ", button);
    }
    const list = document.getElementById("none-filter-list");
    list.replaceChildren();
    const active = Object.entries(state.filters);
    document.getElementById("none-filters").hidden = active.length === 0;
    for (const [facet, value] of active) list.append(el("li", {}, removeButton(facet, value)));
  }

  function removeButton(facet, value) {
    const name = `${t("search.facet." + facet)}: ${label(facet, value)}`;
    const button = el("button", { type: "button", class: "chip", "aria-label": t("search.remove_filter", { name }) },
      name, el("span", { "aria-hidden": "true", class: "chip-x" }, " ×"));
    button.addEventListener("click", () => { delete state.filters[facet]; run(false); input.focus(); });
    return button;
  }

  function renderActive() {
    partnerType.value = state.filters.partner_type || "";
    const active = Object.entries(state.filters);
    activeBox.hidden = active.length === 0;
    activeBox.replaceChildren();
    if (!active.length) return;
    activeBox.append(el("span", { class: "active-label" }, t("search.active_filters") + ":"));
    for (const [facet, value] of active) activeBox.append(removeButton(facet, value));
    if (active.length > 1) {
      const clear = el("button", { type: "button", class: "linkish" }, t("search.clear_filters"));
      clear.addEventListener("click", () => { state.filters = {}; run(false); });
      activeBox.append(clear);
    }
  }

  function renderFacets(facets) {
    facetBox.replaceChildren();
    const anyValues = FACETS.some((f) => Object.keys(facets[f] || {}).length || state.filters[f]);
    document.getElementById("facets").hidden = !anyValues;
    for (const facet of FACETS) {
      const counts = Object.assign({}, facets[facet] || {});
      const chosen = state.filters[facet];
      if (chosen && !(chosen in counts)) counts[chosen] = 0;
      let entries = Object.entries(counts);
      if (facet === "year") entries.sort((a, b) => b[0].localeCompare(a[0]));
      else entries.sort((a, b) => b[1] - a[1] || label(facet, a[0]).localeCompare(label(facet, b[0])));
      const titleId = "facet-" + facet;
      const group = el("section", { class: "facet", "aria-labelledby": titleId },
        el("h3", { id: titleId }, t("search.facet." + facet)));
      if (!entries.length) {
        continue; // a facet without values says nothing
      } else {
        const list = el("ul", { class: "facet-list" });
        for (const [value, count] of entries.slice(0, 12)) {
          const pressed = chosen === value;
          const button = el("button", { type: "button", class: "facet-value", "aria-pressed": pressed ? "true" : "false", "data-facet": facet, "data-value": value },
            el("span", { class: "facet-label" }, label(facet, value)),
            el("span", { class: "count" }, String(count)));
          button.addEventListener("click", () => {
            if (pressed) delete state.filters[facet]; else state.filters[facet] = value;
            run(false);
          });
          list.append(el("li", {}, button));
        }
        group.append(list);
      }
      facetBox.append(group);
    }
  }

  partnerType.addEventListener("change", () => {
    if (partnerType.value) state.filters.partner_type = partnerType.value;
    else delete state.filters.partner_type;
    run(false);
  });
  input.addEventListener("input", () => { state.q = input.value; schedule(250); });
  form.addEventListener("submit", (event) => { event.preventDefault(); state.q = input.value; run(false); });
  for (const radio of form.querySelectorAll("input[name=scope]")) {
    radio.addEventListener("change", () => { state.scope = radio.value; run(false); });
  }
  for (const example of document.querySelectorAll("button.example")) {
    example.addEventListener("click", () => { input.value = example.dataset.q; state.q = example.dataset.q; run(false); input.focus(); });
  }
  run(false);
})();
