// Shared helpers. Every value from the server becomes a text node: no innerHTML with data.
"use strict";

window.naskah = (function () {
  const strings = JSON.parse(document.getElementById("naskah-i18n").textContent);
  const lang = document.body.dataset.lang || "id";
  // The session's CSRF token (base.html): every state-changing fetch/XHR sends it as X-CSRF-Token
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrfToken = csrfMeta ? csrfMeta.content : "";

  function t(key, values) {
    let text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    for (const [name, value] of Object.entries(values || {})) {
      text = text.split("{" + name + "}").join(String(value));
    }
    return text;
  }

  // el("a", {href: "/x", class: "y"}, "text", otherNode): attributes via setAttribute, children as
  // text nodes (strings) or nodes. Event handlers are attached by the caller.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'" };
  function unescapeHtml(text) {
    return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
      const key = name.toLowerCase();
      if (key in ENTITIES) return ENTITIES[key];
      if (key.startsWith("#x")) return String.fromCodePoint(parseInt(key.slice(2), 16));
      if (key.startsWith("#")) return String.fromCodePoint(parseInt(key.slice(1), 10));
      return whole;
    });
  }

  // The API's snippet is escaped text with <mark>…</mark> around matches. Rebuild it as nodes:
  // only <mark> becomes an element; everything else is text, whatever it contains.
  function snippetNodes(snippet) {
    const out = [];
    const parts = String(snippet).split(/(<mark>|<\/mark>)/);
    let marked = false;
    for (const part of parts) {
      if (part === "<mark>") { marked = true; continue; }
      if (part === "</mark>") { marked = false; continue; }
      if (!part) continue;
      const text = unescapeHtml(part);
      out.push(marked ? el("mark", {}, text) : document.createTextNode(text));
    }
    return out;
  }

  function formatDate(iso) {
    if (!iso) return t("empty");
    const [y, m, d] = iso.split("-").map(Number);
    return `${d} ${t(`date.month.${m}`)} ${y}`;
  }

  const has = (key) => Object.prototype.hasOwnProperty.call(strings, key);

  // An API error body {"error": {"code", "message", "values"}} as a sentence in the UI's
  // language, from the catalogue (error.<code>, error.<code>.<problem>) with the values the
  // error carries. The English `message` is shown only in the English UI, and only for a
  // code the catalogue does not know.
  function errorText(body, status) {
    const error = body && body.error;
    if (!error) return status ? `${t("error.generic")} (HTTP ${status})` : t("error.network");
    const values = error.values || {};
    const keys = [values.key, values.problem && `error.${error.code}.${values.problem}`, `error.${error.code}`];
    const key = keys.find((k) => k && has(k));
    if (key) return t(key, values);
    if (lang === "en" && error.message) return error.message;
    return `${t("error.generic")} (${error.code || "HTTP " + status})`;
  }

  // Forms with data-busy show a progress message and disable their button while submitting.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.busy) return;
    const status = form.querySelector(".busy-status");
    if (status) { status.textContent = form.dataset.busy; status.classList.add("busy"); }
    form.setAttribute("aria-busy", "true");
    const button = form.querySelector("button[type=submit]");
    if (button) setTimeout(() => { button.disabled = true; }, 0);
  });

  return { t, el, snippetNodes, unescapeHtml, formatDate, errorText, lang, csrfToken };
})();
