// The /docs page: reads the lesson's /openapi.json, lists every operation by
// tag with its parameters, schemas and responses, lists every named schema,
// and sends any operation from the browser. Plain JavaScript, no framework,
// nothing from another origin. Every piece of text from the document is set
// with textContent, never parsed as HTML.
"use strict";

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options", "trace"];
const MAX_SHOWN_BODY = 200000; // characters of a response body shown on the page
const MAX_TREE_DEPTH = 4; // nested schema levels drawn before "see the schema"
const WIDE = "(min-width: 64rem)"; // the sidebar stays open from this width on

const state = { doc: null, token: null, tokenExpires: 0, oauth: null, nextID: 0 };

document.addEventListener("DOMContentLoaded", () => {
  fetch("/openapi.json", { headers: { Accept: "application/json" } })
    .then((r) => {
      if (!r.ok) throw new Error("GET /openapi.json answered " + r.status);
      return r.json();
    })
    .then(render)
    .then(() => openFromHash(false))
    .catch((err) => {
      byId("intro").textContent = "Could not load /openapi.json: " + err.message;
    });
  window.addEventListener("hashchange", () => openFromHash(true));
});

// ---- small DOM helpers ----

function byId(id) {
  return document.getElementById(id);
}

// el builds an element: el("p", {class: "x", "data-y": "z"}, child, "text", ...).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false || c === "") continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// uid makes a page-unique id, for label/for and aria-describedby.
function uid(prefix) {
  state.nextID += 1;
  return prefix + "-" + state.nextID;
}

// announce tells screen readers what just happened, once.
function announce(text) {
  const box = byId("announce");
  box.textContent = "";
  setTimeout(() => { box.textContent = text; }, 50);
}

// ---- Markdown: a small CommonMark subset, as a pure function ----

// markdown turns a description into a tree of plain arrays,
// [tag, attrs?, ...children] with strings for text, so that it can be
// tested without a browser; prose() turns the tree into elements.
// Blocks: paragraphs, bullet and ordered lists (nested by indentation),
// fenced code. Inline: `code`, **strong**, *em*, _em_, [text](/link).
function markdown(text) {
  return mdBlocks(String(text || "").replace(/\r\n?/g, "\n").split("\n"));
}

const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])( +|$)(.*)$/;
const FENCE = /^ {0,3}(```+|~~~+)/;

function mdBlocks(lines) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) { i++; continue; }
    if (FENCE.test(line)) { i = mdFence(lines, i, out); continue; }
    if (LIST_ITEM.test(line)) { i = mdList(lines, i, out); continue; }
    const para = [];
    while (i < lines.length && lines[i].trim() && !FENCE.test(lines[i]) && !LIST_ITEM.test(lines[i])) para.push(lines[i++].trim());
    out.push(["p", ...mdInline(para.join(" "))]);
  }
  return out;
}

// mdFence reads a fenced code block from lines[i]; it returns the next line.
function mdFence(lines, i, out) {
  const fence = FENCE.exec(lines[i])[1];
  const body = [];
  i++;
  while (i < lines.length && !lines[i].trim().startsWith(fence)) body.push(lines[i++]);
  out.push(["pre", ["code", body.join("\n")]]);
  return i + 1;
}

// mdList reads one list (its items and their nested blocks) from lines[i].
function mdList(lines, i, out) {
  const first = LIST_ITEM.exec(lines[i]);
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const list = ordered ? ["ol"] : ["ul"];
  if (ordered && parseInt(first[2], 10) !== 1) list.push({ start: String(parseInt(first[2], 10)) });
  while (i < lines.length) {
    i = skipBlankBeforeItem(lines, i, indent);
    const m = LIST_ITEM.exec(lines[i] || "");
    if (!m || m[1].length !== indent || /\d/.test(m[2]) !== ordered) break;
    const contentIndent = indent + m[2].length + Math.max(1, Math.min(m[3].length, 4));
    const body = [m[4]];
    i++;
    while (i < lines.length) {
      const l = lines[i];
      const lead = l.length - l.trimStart().length;
      if (!l.trim()) {
        const next = lines.slice(i + 1).find((x) => x.trim());
        if (next === undefined || next.length - next.trimStart().length < contentIndent) break;
        body.push("");
      } else if (lead >= contentIndent) {
        body.push(l.slice(contentIndent));
      } else if (LIST_ITEM.test(l) || FENCE.test(l)) {
        break;
      } else {
        body.push(l.trim()); // a lazy continuation of the item's paragraph
      }
      i++;
    }
    list.push(["li", ...mdItem(body)]);
  }
  out.push(list);
  return i;
}

// skipBlankBeforeItem steps over blank lines between two items of one list.
function skipBlankBeforeItem(lines, i, indent) {
  let j = i;
  while (j < lines.length && !lines[j].trim()) j++;
  const m = j > i && j < lines.length ? LIST_ITEM.exec(lines[j]) : null;
  return m && m[1].length === indent ? j : i;
}

// mdItem parses a list item's lines; a tight item keeps its text inline.
function mdItem(body) {
  const blocks = mdBlocks(body);
  const tight = !body.includes("");
  if (tight && blocks.length && blocks[0][0] === "p") return [...blocks[0].slice(1), ...blocks.slice(1)];
  return blocks;
}

// mdInline splits one paragraph's text into strings and inline elements.
function mdInline(s) {
  const out = [];
  let text = "";
  const flush = () => { if (text) out.push(text); text = ""; };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "\\" && i + 1 < s.length && /[!-/:-@[-`{-~]/.test(s[i + 1])) { text += s[i + 1]; i += 2; continue; }
    const span = c === "`" ? codeSpan(s, i) : c === "*" || c === "_" ? emphasis(s, i) : c === "[" ? link(s, i) : null;
    if (span) { flush(); out.push(span.node); i = span.end; continue; }
    text += c;
    i++;
  }
  flush();
  return out;
}

function codeSpan(s, i) {
  const run = /^`+/.exec(s.slice(i))[0];
  const close = s.indexOf(run, i + run.length);
  if (close < 0) return null;
  let code = s.slice(i + run.length, close);
  if (/^ .* $/.test(code) && code.trim()) code = code.slice(1, -1);
  return { node: ["code", code], end: close + run.length };
}

function emphasis(s, i) {
  const mark = s.startsWith(s[i].repeat(2), i) ? s[i].repeat(2) : s[i];
  const from = i + mark.length;
  if (from >= s.length || /\s/.test(s[from])) return null;
  if (mark[0] === "_" && i > 0 && /[A-Za-z0-9]/.test(s[i - 1])) return null; // snake_case is not emphasis
  let close = s.indexOf(mark, from);
  while (close > 0 && (/\s/.test(s[close - 1]) || (mark[0] === "_" && /[A-Za-z0-9]/.test(s[close + mark.length] || "")))) close = s.indexOf(mark, close + 1);
  if (close <= from) return null;
  return { node: [mark.length === 2 ? "strong" : "em", ...mdInline(s.slice(from, close))], end: close + mark.length };
}

function link(s, i) {
  const m = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(s.slice(i));
  if (!m) return null;
  const safe = /^(\/|#|\.\/|https?:)/i.test(m[2]); // never javascript: or data:
  return { node: safe ? ["a", { href: m[2] }, ...mdInline(m[1])] : ["span", ...mdInline(m[1])], end: i + m[0].length };
}

const MD_TAGS = ["p", "ul", "ol", "li", "code", "pre", "strong", "em", "a", "span"];

// mdDOM turns one node of markdown()'s tree into a DOM node.
function mdDOM(node) {
  if (typeof node === "string") return document.createTextNode(node);
  const [tag, ...rest] = node;
  const attrs = rest.length && !Array.isArray(rest[0]) && typeof rest[0] === "object" ? rest.shift() : {};
  return el(MD_TAGS.includes(tag) ? tag : "span", { href: attrs.href, start: attrs.start }, rest.map(mdDOM));
}

// prose renders a description as Markdown (nothing, for no description).
function prose(text, cls) {
  if (!text) return document.createDocumentFragment();
  return el("div", { class: cls || "prose" }, markdown(text).map(mdDOM));
}

// ---- the document ----

// resolve follows $refs; resolveNamed also says which schema it reached.
function resolve(obj) {
  return resolveNamed(obj).value;
}

function resolveNamed(obj) {
  let seen = 0;
  let name = null;
  while (obj && obj.$ref && seen++ < 20) {
    const path = obj.$ref.replace(/^#\//, "").split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (path[0] === "components" && path[1] === "schemas") name = path[2];
    let target = state.doc;
    for (const key of path) target = target ? target[key] : undefined;
    if (!target) return { value: {}, name };
    obj = target;
  }
  return { value: obj || {}, name };
}

function render(doc) {
  state.doc = doc;
  const info = doc.info || {};
  document.title = (info.title || "API") + " · docs";
  byId("title").textContent = info.title || "API docs";
  const intro = byId("intro");
  intro.textContent = "";
  intro.append(
    prose(info.description, "prose lead"),
    el("p", { class: "meta" },
      "OpenAPI " + (doc.openapi || "?") + " · version " + (info.version || "?") + " · ",
      el("a", { href: "/openapi.json" }, "openapi.json"),
      " · every request below goes to this server, and each answer shows the curl command that does the same."),
  );
  state.oauth = findOAuth(doc);
  if (state.oauth) intro.append(authorizeBar());

  const groups = groupByTag(doc);
  const main = byId("main");
  main.textContent = "";
  main.append(filterBox());
  for (const group of groups) main.append(renderTag(group));
  main.append(renderModels());
  renderToc(groups);
}

// groupByTag lists the document's tags in order, each with its operations.
function groupByTag(doc) {
  const groups = new Map();
  for (const t of doc.tags || []) groups.set(t.name, { tag: t, ops: [] });
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const method of Object.keys(item).filter((k) => METHODS.includes(k))) {
      const op = item[method]; // in the document's order, as the author wrote them
      const params = [...(item.parameters || []), ...(op.parameters || [])].map(resolve);
      const entry = { method, path, op, params, id: method + "-" + path };
      for (const name of op.tags && op.tags.length ? op.tags : ["default"]) {
        if (!groups.has(name)) groups.set(name, { tag: { name }, ops: [] });
        groups.get(name).ops.push(entry);
      }
    }
  }
  return [...groups.values()].filter((g) => g.ops.length > 0);
}

function renderTag({ tag, ops }) {
  const deprecated = ops.every((o) => o.op.deprecated);
  return el("section", { class: "tag", "data-tag": tag.name, id: "tag-" + tag.name },
    el("h2", {}, tag.name, deprecated ? el("span", { class: "badge deprecated", text: "deprecated" }) : null),
    prose(tag.description),
    ops.map(renderOperation));
}

// ---- navigation: sidebar, filter, links to one operation ----

function renderToc(groups) {
  const toc = byId("toc");
  const list = el("ul", { class: "toc-tags" }, groups.map(({ tag, ops }) => el("li", { "data-toc-tag": tag.name },
    el("a", { href: "#tag-" + tag.name, class: "toc-tag", text: tag.name }),
    el("ul", {}, ops.map((o) => el("li", { "data-toc-op": o.id },
      el("a", { href: "#" + o.id, class: "toc-op" },
        el("span", { class: "method m-" + o.method, text: o.method.toUpperCase() }), " ", el("span", { class: "path", text: o.path }))))))));
  const models = Object.keys(schemasOf(state.doc));
  if (models.length) list.append(el("li", {}, el("a", { href: "#schemas", class: "toc-tag", text: "Schemas" })));
  const box = el("details", { class: "toc-box" }, el("summary", { text: "Contents" }), list);
  const wide = window.matchMedia(WIDE);
  box.open = wide.matches;
  wide.addEventListener("change", () => { box.open = wide.matches; });
  toc.textContent = "";
  toc.append(box);
}

function filterBox() {
  const id = uid("filter");
  const input = el("input", { type: "search", id, "data-filter": true, autocomplete: "off", placeholder: "method, path, summary or schema" });
  input.addEventListener("input", () => applyFilter(input.value));
  return el("div", { class: "filter", role: "search" }, el("label", { for: id, text: "Filter" }), input);
}

// applyFilter hides the operations and schemas that do not mention every word.
function applyFilter(query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (text) => words.every((w) => text.toLowerCase().includes(w));
  let shown = 0;
  let total = 0;
  for (const op of document.querySelectorAll("[data-operation]")) {
    const hit = matches(op.dataset.search);
    op.hidden = !hit;
    total++;
    if (hit) shown++;
    const item = document.querySelector('[data-toc-op="' + CSS.escape(op.id) + '"]');
    if (item) item.hidden = !hit;
  }
  for (const tag of document.querySelectorAll("[data-tag]")) {
    tag.hidden = !tag.querySelector("[data-operation]:not([hidden])");
    const item = document.querySelector('[data-toc-tag="' + CSS.escape(tag.dataset.tag) + '"]');
    if (item) item.hidden = tag.hidden;
  }
  for (const model of document.querySelectorAll("[data-model]")) model.hidden = !matches(model.dataset.model);
  announce(shown + " of " + total + " operations shown");
}

// openFromHash opens the operation or schema the address names
// (/docs#post-/todos, /docs#schema-TodoCreate) and scrolls to it.
function openFromHash(focus) {
  let id = location.hash.slice(1);
  try { id = decodeURIComponent(id); } catch (_) { /* keep it as written */ }
  const target = id && byId(id);
  if (!target) return;
  for (let e = target; e; e = e.parentElement) if (e.tagName === "DETAILS") e.open = true;
  target.hidden = false;
  target.scrollIntoView({ block: "start" });
  const summary = target.querySelector(":scope > summary");
  if (focus && summary) summary.focus({ preventScroll: true });
}

// ---- one operation ----

function renderOperation({ method, path, op, params, id }) {
  const M = method.toUpperCase();
  const details = el("details", {
    class: "op op-" + method + (op.deprecated ? " is-deprecated" : ""), "data-operation": M + " " + path, id,
    "data-search": [M, path, op.summary, op.operationId, (op.tags || []).join(" "), schemaNamesOf(op).join(" ")].join(" "),
  });
  // The contract's hook: clicking the operation element itself expands it.
  details.addEventListener("click", (ev) => {
    if (!details.open && ev.target === details) details.open = true;
  });
  const scopes = requiredScopes(op);
  details.append(el("summary", {},
    el("span", { class: "method", text: M }),
    el("code", { class: "path", text: path }),
    el("span", { class: "summary", text: op.summary || "" }),
    scopes ? el("span", { class: "badge lock", text: "token: " + (scopes.join(" ") || "any") }) : null,
    op.deprecated ? el("span", { class: "badge deprecated", text: "deprecated" }) : null));

  const body = el("div", { class: "op-body" });
  details.append(body);
  body.append(el("p", { class: "meta" },
    el("a", { href: "#" + id, class: "permalink", "aria-label": "Link to " + M + " " + path, text: "Link to this operation" }),
    op.operationId ? " · operationId " : "", op.operationId ? el("code", { text: op.operationId }) : ""));
  body.append(prose(op.description));
  const form = { slots: [], body: null, bodyInitial: "", bodyRequired: false, media: null, secret: null };
  if (params.length) body.append(renderParams(params, form));
  if (op.requestBody) body.append(renderRequestBody(resolve(op.requestBody), form));
  if (params.some((p) => p.in === "header" && p.name.toLowerCase() === "x-hub-signature-256")) body.append(renderSigner(form));
  if (op.responses && op.responses["101"]) {
    body.append(renderSocket(path, form));
  } else {
    body.append(renderSendArea(M, path, op, form));
  }
  body.append(renderResponses(op.responses || {}));
  return details;
}

// schemaNamesOf lists the named schemas an operation uses, for the filter.
function schemaNamesOf(op) {
  const names = new Set();
  JSON.stringify(op, (k, v) => {
    if (k === "$ref" && typeof v === "string") {
      const target = resolveNamed({ $ref: v });
      if (target.name) names.add(target.name);
      for (const r of JSON.stringify(target.value).match(/#\/components\/schemas\/[^"]+/g) || []) names.add(r.split("/").pop());
    }
    return v;
  });
  return [...names];
}

function requiredScopes(op) {
  const sec = op.security || state.doc.security || [];
  for (const req of sec) {
    for (const [, scopes] of Object.entries(req)) return scopes;
  }
  return null;
}

// exampleOf finds the example a parameter or schema gives, if any.
function exampleOf(p, schema) {
  if (p && p.example !== undefined) return p.example;
  if (schema.example !== undefined) return schema.example;
  if (schema.examples && schema.examples.length) return schema.examples[0];
  return undefined;
}

function renderParams(params, form) {
  const box = el("fieldset", { class: "params" }, el("legend", { text: "Parameters" }));
  for (const p of params) {
    const schema = resolve(p.schema || {});
    const required = !!p.required || p.in === "path";
    box.append(renderField(form, {
      hook: "data-param", name: p.name, where: p.in, schema, required,
      example: exampleOf(p, schema), description: p.description, inPath: p.in === "path", p,
    }));
  }
  return box;
}

// renderField draws one parameter or form field: a text input (any value
// can be typed, so a learner can send what the server refuses), a "send"
// box for optional values (an empty value can be sent on purpose), and a
// button that inserts the example.
function renderField(form, f) {
  const id = uid("in");
  const factsID = id + "-facts";
  const descID = id + "-desc";
  const fill = f.fill !== undefined ? String(f.fill) : f.required && f.example !== undefined ? String(f.example) : "";
  const { node, input } = valueInput(f, id, fill);
  input.setAttribute("aria-describedby", factsID + (f.description ? " " + descID : ""));
  if (f.required) input.setAttribute("aria-required", "true");
  const slot = { ...f, input, include: null, initial: fill };
  form.slots.push(slot);
  const controls = el("div", { class: "controls" }, node);
  if (!f.inPath && input.type !== "file") {
    slot.include = el("input", { type: "checkbox", "data-include": f.name, "aria-label": "send " + f.name, checked: fill !== "" });
    input.addEventListener("input", () => { slot.include.checked = true; });
    controls.prepend(el("label", { class: "include", title: "send this value, even when empty" }, slot.include, el("span", { text: "send" })));
  }
  if (f.example !== undefined && input.type !== "file") {
    controls.append(el("button", { type: "button", class: "small", "aria-label": "Use the example for " + f.name, onclick: () => {
      input.value = String(f.example);
      if (slot.include) slot.include.checked = true;
      input.focus();
    } }, "Use example"));
  }
  return el("div", { class: "field" },
    el("div", { class: "label" }, el("label", { for: id, class: "name", text: f.name }),
      f.required ? el("span", { class: "req", "aria-hidden": "true", text: " *" }) : null,
      f.where ? el("span", { class: "where", text: " " + f.where }) : null),
    controls,
    el("div", { class: "type", id: factsID }, (f.required ? "required · " : "optional · ") + facts(f.schema).join(" · ")),
    f.description ? el("div", { class: "prose hint", id: descID }, markdown(f.description).map(mdDOM)) : null);
}

// valueInput is a text input for any value (suggestions for enums and
// booleans), or a file picker for binary strings.
function valueInput(f, id, value) {
  const schema = f.schema;
  if (schema.format === "binary") {
    const file = el("input", { type: "file", id, [f.hook]: f.name });
    return { node: file, input: file };
  }
  const attrs = { type: /password|secret/i.test(f.name) ? "password" : "text", id, [f.hook]: f.name, autocomplete: "off", spellcheck: "false" };
  if (f.example !== undefined) attrs.placeholder = "e.g. " + String(f.example);
  const input = el("input", attrs);
  input.value = value;
  const choices = schema.enum || (schema.const !== undefined ? [schema.const] : [].concat(schema.type || []).includes("boolean") ? [true, false] : null);
  if (!choices) return { node: input, input };
  const listID = id + "-choices";
  input.setAttribute("list", listID);
  return { node: el("span", { class: "with-choices" }, input, el("datalist", { id: listID }, choices.map((c) => el("option", { value: String(c) })))), input };
}

function renderRequestBody(rb, form) {
  const box = el("fieldset", { class: "reqbody" }, el("legend", { text: "Request body" + (rb.required ? " (required)" : "") }));
  box.append(prose(rb.description));
  form.bodyRequired = !!rb.required;
  const types = Object.keys(rb.content || {});
  const panes = el("div");
  const show = (mt) => {
    form.media = mt;
    form.body = null;
    form.slots = form.slots.filter((s) => s.hook !== "data-field");
    panes.textContent = "";
    panes.append(renderMedia(mt, rb.content[mt], form));
  };
  if (types.length > 1) {
    const id = uid("ct");
    const pick = el("select", { class: "media", id, onchange: () => show(pick.value) }, types.map((t) => el("option", { value: t, text: t })));
    box.append(el("div", { class: "field" }, el("div", { class: "label" }, el("label", { for: id, class: "name", text: "Content-Type" })), el("div", { class: "controls" }, pick)));
  } else if (types.length === 1) {
    box.append(el("p", { class: "meta" }, "Content-Type: ", el("code", { text: types[0] })));
  }
  box.append(panes);
  if (types.length) show(types[0]);
  return box;
}

function renderMedia(mt, media, form) {
  const schema = resolve(media.schema || {});
  const example = media.example !== undefined ? media.example : sample(schema, 0);
  if (isJSON(mt)) {
    const id = uid("body");
    const area = el("textarea", { "data-body": true, id, rows: 6, spellcheck: "false" });
    area.value = JSON.stringify(example, null, 2);
    form.body = area;
    form.bodyInitial = area.value;
    return el("div", {}, el("label", { for: id, class: "name", text: "JSON body" }), area, schemaBlock(media.schema || {}, "Schema", true));
  }
  const box = el("div", { class: "form-fields" });
  const required = schema.required || [];
  for (const [name, prop] of Object.entries(schema.properties || {})) {
    const s = resolve(prop);
    const given = media.example && typeof media.example === "object" ? media.example[name] : undefined;
    const ex = given !== undefined ? given : exampleOf(null, s);
    box.append(renderField(form, { hook: "data-field", name, schema: s, required: required.includes(name), example: ex, fill: given, description: s.description }));
  }
  box.append(schemaBlock(media.schema || {}, "Schema", false));
  return box;
}

// renderSigner lets 08's page sign the body with a secret the learner types
// (HMAC-SHA256 with Web Crypto, in the browser; the secret is sent nowhere).
function renderSigner(form) {
  const id = uid("secret");
  const secret = el("input", { type: "password", id, "data-secret": true, autocomplete: "off", placeholder: "the server's WEBHOOK_SECRET", "aria-describedby": id + "-hint" });
  form.secret = secret;
  return el("fieldset", { class: "signer" }, el("legend", { text: "Sign the body" }),
    el("div", { class: "field" }, el("div", { class: "label" }, el("label", { for: id, class: "name", text: "Secret" })), el("div", { class: "controls" }, secret),
      el("div", { class: "hint", id: id + "-hint", text: "When set, Send computes X-Hub-Signature-256 over the exact body bytes (Web Crypto, in this browser) and fills the header. Leave empty to send the header as typed." })));
}

async function hmacHex(secret, body) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(body)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, "0")).join("");
}

// renderSendArea holds Send, Reset, the required-field check and the answer.
function renderSendArea(M, path, op, form) {
  const result = el("div", { class: "result", hidden: true });
  const warning = el("div", { class: "warning", hidden: true });
  const sendBtn = el("button", { type: "button", class: "send", "data-action": "send" }, "Send");
  const go = async (force) => {
    const problems = force ? [] : checkForm(form);
    warning.hidden = problems.length === 0;
    warning.textContent = "";
    if (problems.length) {
      warning.append(el("p", { text: problems.join(" ") + " The server will likely refuse it; that can be what you want to see." }),
        el("button", { type: "button", "data-action": "send-anyway", onclick: () => go(true) }, "Send anyway"));
      warning.querySelector("button").focus();
      return;
    }
    sendBtn.disabled = true; // one request at a time: a double click must not create two todos
    result.setAttribute("aria-busy", "true");
    try {
      await send(M, path, op, form, result);
    } finally {
      sendBtn.disabled = false;
      result.removeAttribute("aria-busy");
    }
  };
  sendBtn.addEventListener("click", () => go(false));
  const reset = el("button", { type: "button", "data-action": "reset", onclick: () => { resetForm(form); warning.hidden = true; } }, "Reset to example");
  return el("div", { class: "send-area" }, el("div", { class: "actions" }, sendBtn, reset), warning, result);
}

// checkForm lists what a required value lacks, in words.
function checkForm(form) {
  const problems = [];
  const empty = form.slots.filter((s) => s.required && (s.input.type === "file" ? !s.input.files.length : s.input.value === ""));
  if (empty.length) problems.push("Required but empty: " + empty.map((s) => s.name).join(", ") + ".");
  if (form.body && isJSON(form.media)) {
    if (form.body.value.trim() === "") {
      if (form.bodyRequired) problems.push("The body is required but empty.");
    } else {
      try { JSON.parse(form.body.value); } catch (err) { problems.push("The body is not valid JSON (" + err.message + ")."); }
    }
  }
  return problems;
}

function resetForm(form) {
  for (const s of form.slots) {
    s.input.value = s.input.type === "file" ? "" : s.initial;
    if (s.include) s.include.checked = s.initial !== "";
  }
  if (form.body) form.body.value = form.bodyInitial;
  if (form.secret) form.secret.value = "";
}

// ---- schemas, described for people ----

// facts lists a schema's rules in short words: type, limits, enum, default, example.
function facts(schema) {
  const named = resolveNamed(schema);
  schema = named.value;
  const out = [typeName(schema, named.name)];
  if (schema.minLength !== undefined || schema.maxLength !== undefined) out.push((schema.minLength || 0) + ".." + (schema.maxLength !== undefined ? schema.maxLength : "") + " chars");
  if (schema.minimum !== undefined) out.push("≥ " + schema.minimum);
  if (schema.exclusiveMinimum !== undefined) out.push("> " + schema.exclusiveMinimum);
  if (schema.maximum !== undefined && schema.maximum < 1e15) out.push("≤ " + schema.maximum);
  if (schema.exclusiveMaximum !== undefined) out.push("< " + schema.exclusiveMaximum);
  if (schema.minItems !== undefined || schema.maxItems !== undefined) out.push((schema.minItems || 0) + ".." + (schema.maxItems !== undefined ? schema.maxItems : "") + " items");
  if (schema.pattern) out.push("pattern " + schema.pattern);
  if (schema.format && schema.format !== "binary") out.push("format " + schema.format);
  if (schema.enum) out.push("one of " + schema.enum.map((v) => JSON.stringify(v)).join(", "));
  if (schema.const !== undefined) out.push("always " + JSON.stringify(schema.const));
  if (schema.default !== undefined) out.push("default " + JSON.stringify(schema.default));
  const ex = exampleOf(null, schema);
  if (ex !== undefined && (ex === null || typeof ex !== "object")) out.push("example " + JSON.stringify(ex));
  if (schema.additionalProperties === false) out.push("no other members");
  if (schema.deprecated) out.push("deprecated");
  return out;
}

// typeName says a schema's type in one phrase: "integer", "string or null",
// "array of TodoResponse", "TodoCreate".
function typeName(schema, name) {
  if (name) return name;
  const alts = schema.oneOf || schema.anyOf;
  if (alts) return alts.map((s) => typeName(resolve(s), resolveNamed(s).name)).join(" | ");
  const types = [].concat(schema.type || (schema.const !== undefined ? typeof schema.const : []));
  const words = types.map((t) => {
    if (t === "array") {
      const items = resolveNamed(schema.items || {});
      return "array of " + typeName(items.value, items.name);
    }
    if (t === "string" && schema.format === "binary") return "file";
    return t;
  });
  return words.join(" or ") || "any";
}

// schemaBlock shows a schema's tree under a heading-like summary.
function schemaBlock(schema, label, open) {
  const named = resolveNamed(schema);
  return el("details", { class: "schema", open },
    el("summary", { text: label + ": " + typeName(named.value, named.name) }),
    named.name ? el("p", { class: "hint" }, "Listed under Schemas as ", schemaLink(named.name), ".") : null,
    schemaTree(schema, 0));
}

function schemaLink(name) {
  return el("a", { href: "#schema-" + name, class: "schema-name", text: name });
}

// schemaTree draws an object's members (or an array's items) as nested
// lists with their rules; a named schema further down links to its entry.
function schemaTree(schema, depth) {
  const named = resolveNamed(schema);
  const s = named.value;
  if ([].concat(s.type || []).includes("array") && s.items) return schemaTree(s.items, depth);
  const alts = s.oneOf || s.anyOf;
  if (alts) return el("ul", { class: "tree" }, alts.map((a) => el("li", {}, el("span", { class: "facts", text: "one of: " + facts(a).join(" · ") }), schemaTree(a, depth + 1))));
  const props = Object.entries(s.properties || {});
  if (!props.length) return depth === 0 ? el("p", { class: "facts", text: facts(schema).join(" · ") }) : null;
  if (depth >= MAX_TREE_DEPTH) return el("p", { class: "hint" }, "see ", named.name ? schemaLink(named.name) : "the schema");
  const required = s.required || [];
  return el("ul", { class: "tree" }, props.map(([name, prop]) => {
    const child = resolveNamed(prop);
    const inner = [].concat(child.value.type || []).includes("array") ? resolveNamed(child.value.items || {}) : child;
    const nested = Object.keys(inner.value.properties || {}).length || inner.value.oneOf || inner.value.anyOf;
    return el("li", {},
      el("code", { class: "member", text: name }),
      required.includes(name) ? el("span", { class: "req-word", text: " required" }) : el("span", { class: "opt-word", text: " optional" }),
      " ", el("span", { class: "facts" }, factsWithLinks(prop)),
      prose(child.value.description, "prose hint"),
      nested ? (inner.name && depth > 0 ? null : schemaTree(inner.name ? { $ref: "#/components/schemas/" + inner.name } : inner.value, depth + 1)) : null);
  }));
}

// factsWithLinks is facts() with the schema names as links to their entries.
function factsWithLinks(schema) {
  const list = facts(schema);
  const named = resolveNamed(schema);
  const items = resolveNamed(named.value.items || {});
  const linkName = named.name || ([].concat(named.value.type || []).includes("array") ? items.name : null);
  const first = linkName ? [list[0].slice(0, list[0].indexOf(linkName)), schemaLink(linkName), list[0].slice(list[0].indexOf(linkName) + linkName.length)] : [list[0]];
  return [...first, ...list.slice(1).map((f) => " · " + f)];
}

function schemasOf(doc) {
  return (doc.components && doc.components.schemas) || {};
}

// renderModels lists every named schema, as FastAPI's page does under "Schemas".
function renderModels() {
  const names = Object.keys(schemasOf(state.doc));
  if (!names.length) return null;
  return el("section", { class: "tag models", id: "schemas", "data-models": true },
    el("h2", { text: "Schemas" }),
    el("p", { class: "hint", text: "Every named shape the operations above send and receive. A link on a schema name opens its entry here." }),
    names.map((name) => {
      const ref = { $ref: "#/components/schemas/" + name };
      const s = resolve(ref);
      return el("details", { class: "model", id: "schema-" + name, "data-model": name },
        el("summary", {}, el("code", { class: "schema-name", text: name }), el("span", { class: "summary", text: modelSummary(s) })),
        el("div", { class: "model-body" }, prose(s.description), schemaTree(s, 0),
          el("details", { class: "example" }, el("summary", { text: "Example" }), scrollBox(JSON.stringify(sample(s, 0), null, 2), "Example of " + name))));
    }));
}

// modelSummary says a schema's shape in one line: "object: id, title, completed".
function modelSummary(s) {
  const members = Object.keys(s.properties || {});
  return typeName(s, null) + (members.length ? ": " + members.join(", ") : "");
}

// scrollBox is a <pre> a keyboard can reach and scroll.
function scrollBox(text, label, attrs) {
  return el("pre", { tabindex: "0", role: "region", "aria-label": label, ...(attrs || {}), text });
}

function renderResponses(responses) {
  const list = el("div", { class: "responses" }, el("h3", { text: "Responses" }));
  for (const [code, raw] of Object.entries(responses)) {
    const r = resolve(raw);
    const row = el("div", { class: "resp" }, el("span", { class: "code code-" + code[0], text: code }), prose(r.description, "prose"));
    const headers = Object.entries(r.headers || {});
    if (headers.length) {
      row.append(el("dl", { class: "headers-doc" }, headers.map(([name, h0]) => {
        const h = resolve(h0);
        return [el("dt", {}, el("code", { text: name }), " ", el("span", { class: "facts", text: facts(h.schema || {}).join(" · ") })),
          el("dd", {}, prose(h.description, "prose hint"))];
      })));
    }
    for (const [mt, media] of Object.entries(r.content || {})) {
      if (!isJSON(mt)) {
        row.append(el("p", { class: "hint" }, el("code", { text: mt })));
        continue;
      }
      const schema = media.schema || {};
      const ex = media.example !== undefined ? media.example : sample(schema, 0);
      row.append(el("p", { class: "hint" }, el("code", { text: mt }), " · ", factsWithLinks(schema)),
        schemaTree(schema, 0),
        el("details", { class: "example" }, el("summary", { text: "Example" }), scrollBox(JSON.stringify(ex, null, 2), "Example " + code + " body")));
    }
    list.append(row);
  }
  return list;
}

// sample makes an example value from a schema, for bodies without one.
function sample(schema, depth) {
  schema = resolve(schema);
  if (depth > 4) return null;
  if (schema.example !== undefined) return schema.example;
  if (schema.examples && schema.examples.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.oneOf || schema.anyOf) return sample((schema.oneOf || schema.anyOf)[0], depth + 1);
  const types = [].concat(schema.type || []).filter((t) => t !== "null");
  switch (types[0]) {
    case "object": {
      const o = {};
      for (const [k, v] of Object.entries(schema.properties || {})) o[k] = sample(v, depth + 1);
      return o;
    }
    case "array": return [sample(schema.items || {}, depth + 1)];
    case "integer": case "number": return schema.minimum !== undefined ? schema.minimum : 0;
    case "boolean": return true;
    case "string": return schema.format === "date-time" ? new Date(0).toISOString() : "string";
    default: return null;
  }
}

function isJSON(mt) {
  return mt === "application/json" || /\+json$/.test(mt || "");
}

// ---- sending: build one request, then send it and show it as curl ----

// buildRequest reads the fields exactly as they show: a value is sent when
// its "send" box is ticked, even when empty.
async function buildRequest(method, path, op, form) {
  const req = { method, url: path, headers: [], body: undefined, curl: [] };
  const query = new URLSearchParams();
  for (const s of form.slots.filter((x) => x.hook === "data-param")) {
    const v = s.input.value;
    if (s.inPath) req.url = req.url.replace("{" + s.name + "}", encodeURIComponent(v));
    else if (!s.include.checked) continue;
    else if (s.where === "query") query.append(s.name, v);
    else if (s.where === "header") req.headers.push([s.name, v]);
  }
  if (query.toString()) req.url += "?" + query;
  addBody(req, form);
  if (form.secret && form.secret.value) await sign(req, form);
  if (state.token && requiredScopes(op)) req.headers.push(["Authorization", "Bearer " + state.token]);
  return req;
}

// addBody puts the body on req, as fetch sends it and as curl would.
function addBody(req, form) {
  const mt = form.media;
  const fields = form.slots.filter((s) => s.hook === "data-field");
  if (mt && isJSON(mt) && form.body) {
    req.body = form.body.value;
    req.headers.push(["Content-Type", mt]);
    req.curl.push("--data-raw " + shq(req.body));
  } else if (mt === "application/x-www-form-urlencoded") {
    const data = new URLSearchParams();
    for (const s of fields) if (s.include.checked) data.append(s.name, s.input.value);
    req.body = data.toString(); // a string with our own Content-Type: the same bytes curl sends
    req.headers.push(["Content-Type", mt]);
    req.curl.push("--data-raw " + shq(req.body));
  } else if (mt === "multipart/form-data") {
    const data = new FormData();
    for (const s of fields) {
      if (s.input.type === "file") {
        if (!s.input.files.length) continue;
        const file = s.input.files[0];
        data.append(s.name, file);
        req.curl.push("-F " + shq(s.name + '=@"' + file.name.replace(/["\\]/g, "\\$&") + '"' + (file.type ? ";type=" + file.type : "")));
      } else if (s.include.checked) {
        data.append(s.name, s.input.value);
        req.curl.push("--form-string " + shq(s.name + "=" + s.input.value));
      }
    }
    req.body = data;
    if (!req.curl.length) {
      // curl has no -F for "no parts": send the empty multipart body the browser sends
      req.curl.push("-H " + shq("Content-Type: multipart/form-data; boundary=empty"), "--data-binary " + shq("--empty--\r\n"));
    }
  }
}

// sign computes 08's X-Hub-Signature-256 over the body and fills the header field.
async function sign(req, form) {
  const sig = "sha256=" + (await hmacHex(form.secret.value, typeof req.body === "string" ? req.body : ""));
  const slot = form.slots.find((s) => s.name.toLowerCase() === "x-hub-signature-256");
  if (slot) {
    slot.input.value = sig;
    slot.include.checked = true;
  }
  req.headers = req.headers.filter(([k]) => k.toLowerCase() !== "x-hub-signature-256");
  req.headers.push(["X-Hub-Signature-256", sig]);
}

async function send(method, path, op, form, result) {
  const req = await buildRequest(method, path, op, form);
  result.hidden = false;
  result.textContent = "";
  const started = performance.now();
  const status = el("span", { class: "status", "data-response-status": true, text: "…" });
  const line = el("div", { class: "status-line" }, status, el("span", { class: "url", text: req.method + " " + req.url }));
  result.append(line);
  let res;
  try {
    res = await fetch(req.url, { method: req.method, headers: new Headers(req.headers), body: req.body, redirect: "follow", cache: "no-store", credentials: "same-origin" });
  } catch (err) {
    status.textContent = "error";
    result.append(el("p", { class: "error", text: "The request did not complete: " + err.message }), curlBlock(req));
    announce(method + " " + path + " did not complete: " + err.message);
    return;
  }
  const ms = Math.round(performance.now() - started);
  status.textContent = String(res.status);
  status.className = "status code-" + String(res.status)[0];
  line.append(el("span", { class: "meta", text: res.statusText + " · " + ms + " ms" }));
  announce(method + " " + path + " answered " + res.status + " " + res.statusText);
  if (res.redirected) {
    result.append(el("p", { class: "note" }, "The server redirected; the browser followed it to ", el("a", { href: res.url, text: new URL(res.url).pathname }),
      ". What you see below is the answer of that page (curl shows the redirect itself)."));
  }
  const headerText = [...res.headers].map(([k, v]) => k + ": " + v).join("\n");
  result.append(el("h4", { text: "Response headers" }), scrollBox(headerText, "Response headers", { class: "headers" }));
  result.append(el("h4", { text: "Response body" }));
  const bodyBox = scrollBox("", "Response body", { class: "body", "data-response-body": true });
  const type = res.headers.get("Content-Type") || "";
  if (type.startsWith("image/")) {
    const blob = await res.blob();
    result.append(el("img", { class: "preview", alt: "the image the server sent", src: URL.createObjectURL(blob) }));
    bodyBox.textContent = "(" + blob.size + " bytes of " + type + ")";
  } else {
    bodyBox.textContent = shownBody(await res.text(), type);
  }
  result.append(bodyBox, curlBlock(req));
}

// shownBody pretty-prints JSON and cuts very long bodies.
function shownBody(text, type) {
  if (/json/.test(type) && text) {
    try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (_) { /* shown as sent */ }
  }
  if (text.length > MAX_SHOWN_BODY) text = text.slice(0, MAX_SHOWN_BODY) + "\n… (" + (text.length - MAX_SHOWN_BODY) + " more characters)";
  return text || "(empty)";
}

// shq quotes a string for a POSIX shell; $'…' keeps control characters exact.
function shq(s) {
  s = String(s);
  if (/[\r\t\x00-\x09\x0b-\x1f]/.test(s)) return "$'" + s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\r/g, "\\r").replace(/\t/g, "\\t").replace(/\n/g, "\\n") + "'";
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

// curlCommand writes the request as a curl command that sends the same bytes.
function curlCommand(req) {
  const parts = ["curl -i"];
  if (req.method !== "GET") parts.push("-X " + req.method);
  parts.push(shq(location.origin + req.url));
  for (const [k, v] of req.headers) {
    if (k === "Authorization") parts.push('-H "Authorization: Bearer $TOKEN"');
    else parts.push("-H " + shq(v === "" ? k + ";" : k + ": " + v)); // "Name;" is how curl sends an empty header
  }
  parts.push(...req.curl);
  return parts.join(" \\\n  ");
}

function curlBlock(req) {
  const text = curlCommand(req);
  const box = el("div", { class: "curl" }, el("h4", {}, "The same with curl ", copyButton(() => text, "Copy", "Copy the curl command")), scrollBox(text, "curl command", { "data-curl": true }));
  if (req.headers.some(([k]) => k === "Authorization")) {
    box.append(el("p", { class: "hint" }, "Set TOKEN first: ", el("code", { text: "export TOKEN=…" }), " ",
      copyButton(() => "export TOKEN=" + shq(state.token || ""), "Copy export TOKEN=…", "Copy the export line with the current token")));
  }
  return box;
}

// copyButton copies what text() returns and says so on the button.
function copyButton(text, label, aria) {
  const b = el("button", { type: "button", class: "small", "aria-label": aria || label, onclick: () => {
    if (!navigator.clipboard) { b.textContent = "Copy needs https or localhost"; return; }
    navigator.clipboard.writeText(text()).then(() => { b.textContent = "Copied"; announce("Copied"); setTimeout(() => { b.textContent = label; }, 2000); },
      () => { b.textContent = "Copy refused"; });
  } }, label);
  return b;
}

// ---- WebSocket routes (06): connect and chat from the page ----

function renderSocket(path, form) {
  const log = el("div", { class: "body ws-log", "data-response-body": true, role: "log", tabindex: "0", "aria-label": "Messages" });
  const status = el("span", { class: "status", "data-response-status": true, text: "closed" });
  const msgID = uid("msg");
  const msg = el("input", { type: "text", id: msgID, "data-ws-message": true, placeholder: "a message", disabled: true });
  let sock = null;
  // line adds one entry; a message with newlines stays one entry, not fake lines
  const line = (dir, s) => {
    log.append(el("div", { class: "msg msg-" + dir }, el("span", { class: "dir", "aria-label": dir === "in" ? "received" : dir === "out" ? "sent" : "", text: dir === "in" ? "← " : dir === "out" ? "→ " : "" }), el("span", { class: "text", text: s })));
    log.scrollTop = log.scrollHeight;
  };
  const connect = el("button", { type: "button", class: "send", "data-action": "send", onclick: () => {
    if (sock) { sock.close(); return; }
    let url = path;
    for (const s of form.slots) if (s.inPath) url = url.replace("{" + s.name + "}", encodeURIComponent(s.input.value));
    const wsURL = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + url;
    line("info", "connecting to " + wsURL);
    sock = new WebSocket(wsURL);
    sock.onopen = () => { status.textContent = "101"; connect.textContent = "Disconnect"; msg.disabled = false; sendBtn.disabled = false; line("info", "connected"); };
    sock.onmessage = (ev) => line("in", ev.data);
    sock.onclose = (ev) => {
      line("info", "closed" + (ev.code ? " (code " + ev.code + (ev.reason ? ", " + ev.reason : "") + ")" : ""));
      status.textContent = status.textContent === "101" ? "closed" : "refused";
      connect.textContent = "Connect"; msg.disabled = true; sendBtn.disabled = true; sock = null;
    };
  } }, "Connect");
  const sendMsg = () => { if (sock && msg.value) { sock.send(msg.value); line("out", msg.value); msg.value = ""; } };
  const sendBtn = el("button", { type: "button", "data-action": "ws-send", disabled: true, onclick: sendMsg }, "Send message");
  msg.addEventListener("keydown", (ev) => { if (ev.key === "Enter") sendMsg(); });
  return el("div", { class: "socket" },
    el("p", { class: "hint", text: "A WebSocket is not a request and an answer: Connect opens it from this page (the server checks the Origin, which is this page's own), then every line you send goes to every client. A refused upgrade (400, 403, 409) shows as “refused”; the browser does not expose its status." }),
    el("div", { class: "actions" }, connect, el("div", { class: "status-line" }, status)),
    el("div", { class: "ws-send" }, el("label", { for: msgID, class: "name", text: "Message" }), msg, sendBtn),
    log);
}

// ---- OAuth2 password flow (10): the Authorize dialog ----

function findOAuth(doc) {
  const schemes = (doc.components && doc.components.securitySchemes) || {};
  for (const [name, s0] of Object.entries(schemes)) {
    const s = resolve(s0);
    if (s.type === "oauth2" && s.flows && s.flows.password) return { name, flow: s.flows.password };
  }
  return null;
}

function authorizeBar() {
  const who = el("span", { class: "who", "data-auth-state": true, text: "Not authorized" });
  const copy = copyButton(() => state.token || "", "Copy token", "Copy the access token");
  copy.hidden = true;
  copy.setAttribute("data-action", "copy-token");
  const dialog = authorizeDialog(who, copy);
  const open = el("button", { type: "button", class: "authorize", "data-action": "authorize", onclick: () => dialog.showModal() }, "Authorize");
  return el("div", { class: "authbar" }, open, who, copy, dialog);
}

// expiryText says when the token stops working, as a clock time and minutes.
function expiryText() {
  if (!state.tokenExpires) return "";
  const left = Math.max(0, Math.round((state.tokenExpires - Date.now()) / 60000));
  return " · expires at " + new Date(state.tokenExpires).toLocaleTimeString() + " (in " + left + " min)";
}

function authorizeDialog(who, copy) {
  const flow = state.oauth.flow;
  const headingID = uid("auth");
  const userID = uid("user");
  const passID = uid("pass");
  const user = el("input", { type: "text", id: userID, "data-auth": "username", autocomplete: "username", required: true });
  const pass = el("input", { type: "password", id: passID, "data-auth": "password", autocomplete: "current-password", required: true });
  const scopes = Object.entries(flow.scopes || {}).map(([s, d]) => {
    const id = uid("scope");
    return el("div", { class: "check" }, el("input", { type: "checkbox", id, "data-auth": "scope", value: s }),
      el("label", { for: id }, el("code", { text: s }), " " + d));
  });
  const message = el("p", { class: "auth-message", role: "status" });
  const say = (text, ok) => { message.textContent = text; message.className = "auth-message " + (ok ? "ok" : "bad"); };
  const logout = el("button", { type: "button", "data-action": "logout", hidden: true, onclick: () => {
    state.token = null;
    state.tokenExpires = 0;
    who.textContent = "Not authorized";
    copy.hidden = true;
    say("Logged out: the page forgot the token (the server accepts it until it expires).", true);
    logout.hidden = true;
  } }, "Log out");
  const login = el("button", { type: "submit", "data-action": "login" }, "Log in");
  const close = el("button", { type: "button", onclick: () => dialog.close() }, "Close");
  const form = el("form", { method: "dialog" },
    el("h2", { id: headingID, text: "Authorize" }),
    el("p", { class: "hint" }, "OAuth2 password flow: the page posts the form to ", el("code", { text: flow.tokenUrl }), " and sends the token it gets as ",
      el("code", { text: "Authorization: Bearer …" }), " on every later request. The token is kept in this page only."),
    el("div", { class: "field" }, el("div", { class: "label" }, el("label", { for: userID, class: "name", text: "username" })), el("div", { class: "controls" }, user)),
    el("div", { class: "field" }, el("div", { class: "label" }, el("label", { for: passID, class: "name", text: "password" })), el("div", { class: "controls" }, pass)),
    el("fieldset", { class: "scopes" }, el("legend", { text: "Scopes to ask for" }), scopes),
    message,
    el("div", { class: "actions" }, login, logout, close));
  const dialog = el("dialog", { class: "auth-dialog", "aria-labelledby": headingID }, form);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const chosen = scopes.map((d) => d.querySelector("input")).filter((c) => c.checked).map((c) => c.value);
    const body = new URLSearchParams({ grant_type: "password", username: user.value, password: pass.value, scope: chosen.join(" ") });
    say("Logging in…", true);
    try {
      const res = await fetch(flow.tokenUrl, { method: "POST", body, cache: "no-store" });
      const data = await res.json().catch(() => ({}));
      if (!res.ok || !data.access_token) {
        say("Refused (" + res.status + "): " + (typeof data.detail === "string" ? data.detail : "see the response"), false);
        return;
      }
      state.token = data.access_token;
      state.tokenExpires = data.expires_in ? Date.now() + data.expires_in * 1000 : 0;
      who.textContent = "Authorized as " + user.value + " · scopes: " + (data.scope || chosen.join(" ") || "none") + expiryText();
      say("Logged in" + expiryText() + ". Requests to the operations marked token: … now carry it.", true);
      pass.value = "";
      logout.hidden = false;
      copy.hidden = false;
    } catch (err) {
      say("The login did not complete: " + err.message, false);
    }
  });
  return dialog;
}
