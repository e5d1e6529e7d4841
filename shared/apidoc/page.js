// The /docs page: reads the lesson's /openapi.json, lists every operation by
// tag, and sends any of them from the browser. Plain JavaScript, no
// framework, nothing from another origin. Every piece of text from the
// document is set with textContent, never parsed as HTML.
"use strict";

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options", "trace"];
const MAX_SHOWN_BODY = 200000; // characters of a response body shown on the page

const state = { doc: null, token: null, tokenInfo: "", oauth: null };

document.addEventListener("DOMContentLoaded", () => {
  fetch("/openapi.json", { headers: { Accept: "application/json" } })
    .then((r) => {
      if (!r.ok) throw new Error("GET /openapi.json answered " + r.status);
      return r.json();
    })
    .then(render)
    .catch((err) => {
      byId("intro").textContent = "Could not load /openapi.json: " + err.message;
    });
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
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// prose renders a description: paragraphs, `code` spans and **bold**.
function prose(text, cls) {
  if (!text) return "";
  const box = el("div", { class: cls || "prose" });
  for (const para of String(text).split(/\n\s*\n/)) {
    const p = el("p");
    String(para).split("`").forEach((part, i) => {
      if (i % 2) {
        p.append(el("code", { text: part }));
        return;
      }
      part.split("**").forEach((bit, j) => p.append(j % 2 ? el("strong", { text: bit }) : document.createTextNode(bit)));
    });
    box.append(p);
  }
  return box;
}

// ---- the document ----

function resolve(obj) {
  let seen = 0;
  while (obj && obj.$ref && seen++ < 20) {
    const path = obj.$ref.replace(/^#\//, "").split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    let target = state.doc;
    for (const key of path) target = target ? target[key] : undefined;
    if (!target) return {};
    obj = target;
  }
  return obj || {};
}

function render(doc) {
  state.doc = doc;
  const info = doc.info || {};
  document.title = (info.title || "API") + " · docs";
  byId("title").textContent = info.title || "API docs";
  const intro = byId("intro");
  intro.textContent = "";
  intro.append(
    prose(info.description, "prose lead") || "",
    el("p", { class: "meta" },
      "OpenAPI " + (doc.openapi || "?") + " · version " + (info.version || "?") + " · ",
      el("a", { href: "/openapi.json" }, "openapi.json"),
      " · every request below goes to this server, and each answer shows the curl command that does the same."),
  );
  state.oauth = findOAuth(doc);
  if (state.oauth) intro.append(authorizeBar());

  const main = byId("main");
  main.textContent = "";
  for (const group of groupByTag(doc)) main.append(renderTag(group));
}

// groupByTag lists the document's tags in order, each with its operations.
function groupByTag(doc) {
  const groups = new Map();
  for (const t of doc.tags || []) groups.set(t.name, { tag: t, ops: [] });
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const method of Object.keys(item).filter((k) => METHODS.includes(k))) {
      const op = item[method]; // in the document's order, as the author wrote them
      const params = [...(item.parameters || []), ...(op.parameters || [])].map(resolve);
      const entry = { method, path, op, params };
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
  return el("section", { class: "tag", "data-tag": tag.name },
    el("h2", {}, tag.name, deprecated ? el("span", { class: "badge deprecated", text: "deprecated" }) : null),
    prose(tag.description),
    ops.map(renderOperation));
}

// ---- one operation ----

function renderOperation({ method, path, op, params }) {
  const M = method.toUpperCase();
  const details = el("details", { class: "op op-" + method + (op.deprecated ? " is-deprecated" : ""), "data-operation": M + " " + path });
  // The contract's hook: clicking the operation element itself expands it.
  details.addEventListener("click", (ev) => {
    if (!details.open && ev.target === details) details.open = true;
  });
  const scopes = requiredScopes(op);
  details.append(el("summary", {},
    el("span", { class: "method", text: M }),
    el("code", { class: "path", text: path }),
    el("span", { class: "summary", text: op.summary || "" }),
    scopes ? el("span", { class: "badge lock", title: "needs a token with: " + (scopes.join(" ") || "any scope"), text: "token: " + (scopes.join(" ") || "any") }) : null,
    op.deprecated ? el("span", { class: "badge deprecated", text: "deprecated" }) : null));

  const body = el("div", { class: "op-body" });
  details.append(body);
  body.append(prose(op.description));
  const ws = op.responses && op.responses["101"];
  const inputs = { params: {}, body: null, fields: {}, media: null, secret: null };
  if (params.length) body.append(renderParams(params, inputs));
  if (op.requestBody) body.append(renderRequestBody(resolve(op.requestBody), inputs));
  if (params.some((p) => p.in === "header" && p.name.toLowerCase() === "x-hub-signature-256")) {
    body.append(renderSigner(inputs));
  }
  const result = el("div", { class: "result", hidden: true });
  const actions = el("div", { class: "actions" });
  if (ws) {
    body.append(renderSocket(path, params, inputs));
  } else {
    actions.append(el("button", { type: "button", class: "send", "data-action": "send", onclick: () => send(M, path, params, op, inputs, result) }, "Send"));
    body.append(actions, result);
  }
  body.append(renderResponses(op.responses || {}));
  return details;
}

function requiredScopes(op) {
  const sec = op.security || state.doc.security || [];
  for (const req of sec) {
    for (const [, scopes] of Object.entries(req)) return scopes;
  }
  return null;
}

function renderParams(params, inputs) {
  const box = el("fieldset", { class: "params" }, el("legend", { text: "Parameters" }));
  for (const p of params) {
    const schema = resolve(p.schema || {});
    const example = p.example !== undefined ? p.example : schema.example !== undefined ? schema.example : (schema.examples || [])[0];
    const input = inputFor(schema, "data-param", p.name, p.required || p.in === "path" ? example : undefined, example);
    inputs.params[p.name] = { p, input };
    box.append(el("label", { class: "field" },
      el("span", { class: "name" }, p.name, p.required ? el("span", { class: "req", title: "required", text: "*" }) : null,
        el("span", { class: "where", text: " " + p.in })),
      el("span", { class: "type", text: describe(schema) }),
      input,
      prose(p.description, "prose hint")));
  }
  return box;
}

// inputFor makes the input for one value of the given schema, with the
// contract's data-* hook (data-param or data-field) named name.
function inputFor(schema, hook, name, value, placeholder) {
  const types = [].concat(schema.type || []);
  const choices = schema.enum || (schema.const !== undefined ? [schema.const] : types.includes("boolean") ? [true, false] : null);
  let input;
  if (choices) {
    input = el("select", { [hook]: name },
      el("option", { value: "", text: "—" }),
      choices.map((c) => el("option", { value: String(c), text: String(c) })));
    if (value !== undefined) input.value = String(value);
  } else if (schema.format === "binary") {
    input = el("input", { type: "file", [hook]: name });
  } else {
    const attrs = { type: types.includes("integer") || types.includes("number") ? "number" : name.toLowerCase().includes("password") ? "password" : "text", [hook]: name };
    if (attrs.type === "number") attrs.step = types.includes("integer") ? "1" : "any";
    if (placeholder !== undefined) attrs.placeholder = String(placeholder);
    input = el("input", attrs);
    if (value !== undefined) input.value = String(value);
  }
  return input;
}

function renderRequestBody(rb, inputs) {
  const box = el("fieldset", { class: "reqbody" }, el("legend", { text: "Request body" + (rb.required ? " (required)" : "") }));
  box.append(prose(rb.description));
  const types = Object.keys(rb.content || {});
  const panes = el("div");
  const show = (mt) => {
    inputs.media = mt;
    inputs.body = null;
    inputs.fields = {};
    panes.textContent = "";
    panes.append(renderMedia(mt, rb.content[mt], inputs));
  };
  if (types.length > 1) {
    const pick = el("select", { class: "media", "aria-label": "Content type", onchange: () => show(pick.value) },
      types.map((t) => el("option", { value: t, text: t })));
    box.append(el("label", { class: "field" }, el("span", { class: "name", text: "Content-Type" }), pick));
  } else if (types.length === 1) {
    box.append(el("p", { class: "meta" }, "Content-Type: ", el("code", { text: types[0] })));
  }
  box.append(panes);
  if (types.length) show(types[0]);
  return box;
}

function renderMedia(mt, media, inputs) {
  const schema = resolve(media.schema || {});
  const example = media.example !== undefined ? media.example : sample(schema, 0);
  if (isJSON(mt)) {
    const area = el("textarea", { "data-body": true, rows: 6, spellcheck: "false", "aria-label": "JSON body" });
    area.value = JSON.stringify(example, null, 2);
    inputs.body = area;
    return el("div", {}, area, members(schema));
  }
  const box = el("div", { class: "form-fields" });
  const required = schema.required || [];
  for (const [name, prop] of Object.entries(schema.properties || {})) {
    const s = resolve(prop);
    const value = example && typeof example === "object" ? example[name] : undefined;
    const input = inputFor(s, "data-field", name, value, s.example);
    inputs.fields[name] = { schema: s, input };
    box.append(el("label", { class: "field" },
      el("span", { class: "name" }, name, required.includes(name) ? el("span", { class: "req", title: "required", text: "*" }) : null),
      el("span", { class: "type", text: describe(s) }),
      input,
      prose(s.description, "prose hint")));
  }
  return box;
}

// renderSigner lets 08's page sign the body with a secret the learner types
// (HMAC-SHA256 with Web Crypto, in the browser; the secret is sent nowhere).
// members lists an object schema's members with their rules: what the
// server will check before it stores anything.
function members(schema) {
  const props = Object.entries(schema.properties || {});
  if (!props.length) return el("p", { class: "hint", text: "Shape: " + describe(schema) });
  const required = schema.required || [];
  return el("ul", { class: "members" }, props.map(([name, prop]) => el("li", {},
    el("code", { text: name }), required.includes(name) ? el("span", { class: "req", title: "required", text: "*" }) : null,
    " " + describe(prop), prose(resolve(prop).description, "prose hint"))),
    schema.additionalProperties === false ? el("li", { class: "hint", text: "no other members" }) : null);
}

function renderSigner(inputs) {
  const secret = el("input", { type: "password", "data-secret": true, autocomplete: "off", placeholder: "the server's WEBHOOK_SECRET" });
  inputs.secret = secret;
  return el("fieldset", { class: "signer" }, el("legend", { text: "Sign the body" }),
    el("label", { class: "field" }, el("span", { class: "name", text: "Secret" }), secret,
      el("span", { class: "hint", text: "When set, Send computes X-Hub-Signature-256 over the exact body bytes (Web Crypto, in this browser) and fills the header. Leave empty to send the header as typed." })));
}

async function hmacHex(secret, body) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(body)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, "0")).join("");
}

function renderResponses(responses) {
  const list = el("div", { class: "responses" }, el("h4", { text: "Responses" }));
  for (const [code, raw] of Object.entries(responses)) {
    const r = resolve(raw);
    const row = el("div", { class: "resp" }, el("span", { class: "code code-" + code[0], text: code }), prose(r.description, "prose"));
    const headers = Object.keys(r.headers || {});
    if (headers.length) row.append(el("p", { class: "hint", text: "Headers: " + headers.join(", ") }));
    for (const [mt, media] of Object.entries(r.content || {})) {
      const schema = resolve(media.schema || {});
      if (isJSON(mt)) {
        const ex = media.example !== undefined ? media.example : sample(schema, 0);
        row.append(el("details", { class: "schema" }, el("summary", { text: mt + " · " + describe(schema) }),
          el("pre", { text: JSON.stringify(ex, null, 2) })));
      } else {
        row.append(el("p", { class: "hint" }, el("code", { text: mt })));
      }
    }
    list.append(row);
  }
  return list;
}

// ---- schemas, described for people ----

function describe(schema, depth) {
  schema = resolve(schema);
  depth = depth || 0;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return "one of " + schema.enum.map((v) => JSON.stringify(v)).join(", ");
  if (schema.oneOf || schema.anyOf) return (schema.oneOf || schema.anyOf).map((s) => describe(s, depth + 1)).join(" | ");
  const types = [].concat(schema.type || []);
  const parts = [];
  for (const t of types) {
    if (t === "array") parts.push("array of " + (depth > 2 ? "…" : describe(schema.items || {}, depth + 1)));
    else if (t === "object") parts.push(depth > 1 ? "object" : "object {" + Object.keys(schema.properties || {}).join(", ") + "}");
    else if (t === "string" && schema.format === "binary") parts.push("file");
    else parts.push(t);
  }
  const limits = [];
  if (schema.minLength !== undefined || schema.maxLength !== undefined) limits.push((schema.minLength || 0) + ".." + (schema.maxLength !== undefined ? schema.maxLength : "") + " chars");
  if (schema.minimum !== undefined) limits.push("≥ " + schema.minimum);
  if (schema.maximum !== undefined && schema.maximum < 1e15) limits.push("≤ " + schema.maximum);
  if (schema.minItems !== undefined || schema.maxItems !== undefined) limits.push((schema.minItems || 0) + ".." + (schema.maxItems !== undefined ? schema.maxItems : "") + " items");
  if (schema.pattern) limits.push("pattern " + schema.pattern);
  if (schema.format && schema.format !== "binary") limits.push(schema.format);
  return (parts.join(" or ") || "any") + (limits.length ? " (" + limits.join(", ") + ")" : "");
}

// sample makes an example value from a schema, for bodies without one.
function sample(schema, depth) {
  schema = resolve(schema);
  if (depth > 4) return null;
  if (schema.example !== undefined) return schema.example;
  if (schema.examples && schema.examples.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
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
  return mt === "application/json" || /\+json$/.test(mt);
}

// ---- sending ----

async function send(method, path, params, op, inputs, result) {
  const req = { method, url: "", headers: [], body: undefined, curlData: [] };
  let url = path;
  const query = new URLSearchParams();
  for (const { p, input } of Object.values(inputs.params)) {
    const v = input.value;
    if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(v));
    else if (v === "") continue;
    else if (p.in === "query") query.append(p.name, v);
    else if (p.in === "header") req.headers.push([p.name, v]);
  }
  req.url = url + (query.toString() ? "?" + query : "");
  const mt = inputs.media;
  if (mt && isJSON(mt) && inputs.body) {
    req.body = inputs.body.value;
    req.headers.push(["Content-Type", mt]);
    req.curlData.push("--data-raw " + shq(req.body));
  } else if (mt === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams();
    for (const [name, { input }] of Object.entries(inputs.fields)) {
      if (input.value === "") continue;
      form.append(name, input.value);
      req.curlData.push("--data-urlencode " + shq(name + "=" + input.value));
    }
    req.body = form;
  } else if (mt === "multipart/form-data") {
    const form = new FormData();
    for (const [name, { input }] of Object.entries(inputs.fields)) {
      if (input.type === "file") {
        if (!input.files.length) continue;
        form.append(name, input.files[0]);
        req.curlData.push("-F " + shq(name + "=@" + input.files[0].name));
      } else if (input.value !== "") {
        form.append(name, input.value);
        req.curlData.push("-F " + shq(name + "=" + input.value));
      }
    }
    req.body = form;
  }
  if (inputs.secret && inputs.secret.value) {
    const sig = "sha256=" + (await hmacHex(inputs.secret.value, req.body || ""));
    const field = inputs.params["X-Hub-Signature-256"] || Object.values(inputs.params).find((x) => x.p.name.toLowerCase() === "x-hub-signature-256");
    field.input.value = sig;
    req.headers = req.headers.filter(([k]) => k.toLowerCase() !== "x-hub-signature-256");
    req.headers.push(["X-Hub-Signature-256", sig]);
  }
  if (state.token && requiredScopes(op)) req.headers.push(["Authorization", "Bearer " + state.token]);
  await show(req, result);
}

async function show(req, result) {
  result.hidden = false;
  result.textContent = "";
  const started = performance.now();
  const status = el("span", { class: "status", "data-response-status": true, text: "…" });
  result.append(el("div", { class: "status-line" }, status, el("span", { class: "url", text: req.method + " " + req.url })));
  let res;
  try {
    const headers = new Headers(req.headers);
    res = await fetch(req.url, { method: req.method, headers, body: req.body, redirect: "follow", cache: "no-store", credentials: "same-origin" });
  } catch (err) {
    status.textContent = "error";
    result.append(el("p", { class: "error", text: "The request did not complete: " + err.message }));
    result.append(curlBlock(req));
    return;
  }
  const ms = Math.round(performance.now() - started);
  status.textContent = String(res.status);
  status.className = "status code-" + String(res.status)[0];
  result.querySelector(".status-line").append(el("span", { class: "meta", text: res.statusText + " · " + ms + " ms" }));
  if (res.redirected) {
    result.append(el("p", { class: "note" }, "The server redirected; the browser followed it to ", el("a", { href: res.url, text: new URL(res.url).pathname }),
      ". What you see below is the answer of that page (curl shows the redirect itself)."));
  }
  const headerText = [...res.headers].map(([k, v]) => k + ": " + v).join("\n");
  result.append(el("h4", { text: "Response headers" }), el("pre", { class: "headers", text: headerText }));
  result.append(el("h4", { text: "Response body" }));
  const type = res.headers.get("Content-Type") || "";
  const bodyBox = el("pre", { class: "body", "data-response-body": true });
  if (type.startsWith("image/")) {
    const blob = await res.blob();
    result.append(el("img", { class: "preview", alt: "the image the server sent", src: URL.createObjectURL(blob) }));
    bodyBox.textContent = "(" + blob.size + " bytes of " + type + ")";
  } else {
    let text = await res.text();
    if (/json/.test(type) && text) {
      try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (_) { /* shown as sent */ }
    }
    if (text.length > MAX_SHOWN_BODY) text = text.slice(0, MAX_SHOWN_BODY) + "\n… (" + (text.length - MAX_SHOWN_BODY) + " more characters)";
    bodyBox.textContent = text || "(empty)";
  }
  result.append(bodyBox, curlBlock(req));
}

// shq quotes a string for a POSIX shell.
function shq(s) {
  return "'" + String(s).replace(/'/g, "'\\''") + "'";
}

function curlBlock(req) {
  const parts = ["curl -i"];
  if (req.method !== "GET" || req.curlData.length) parts.push("-X " + req.method);
  parts.push(shq(location.origin + req.url));
  for (const [k, v] of req.headers) {
    if (k === "Authorization") parts.push("-H \"Authorization: Bearer $TOKEN\"");
    else parts.push("-H " + shq(k + ": " + v));
  }
  parts.push(...req.curlData);
  const text = parts.join(" \\\n  ");
  const copy = el("button", { type: "button", class: "small", onclick: () => navigator.clipboard && navigator.clipboard.writeText(text).then(() => { copy.textContent = "Copied"; }) }, "Copy");
  const hint = req.headers.some(([k]) => k === "Authorization") ? el("p", { class: "hint", text: "Set TOKEN to the access_token first: export TOKEN=…" }) : null;
  return el("div", { class: "curl" }, el("h4", {}, "The same with curl ", copy), el("pre", { "data-curl": true, text }), hint);
}

// ---- WebSocket routes (06): connect and chat from the page ----

function renderSocket(path, params, inputs) {
  const log = el("pre", { class: "body ws-log", "data-response-body": true, "aria-live": "polite" });
  const status = el("span", { class: "status", "data-response-status": true, text: "closed" });
  const msg = el("input", { type: "text", "data-ws-message": true, placeholder: "a message", disabled: true });
  let sock = null;
  const line = (s) => { log.textContent += s + "\n"; log.scrollTop = log.scrollHeight; };
  const connect = el("button", { type: "button", class: "send", "data-action": "send", onclick: () => {
    if (sock) { sock.close(); return; }
    let url = path;
    for (const { p, input } of Object.values(inputs.params)) {
      if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(input.value));
    }
    const wsURL = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + url;
    line("connecting to " + wsURL);
    sock = new WebSocket(wsURL);
    sock.onopen = () => { status.textContent = "101"; connect.textContent = "Disconnect"; msg.disabled = false; sendBtn.disabled = false; line("connected"); };
    sock.onmessage = (ev) => line("← " + ev.data);
    sock.onclose = (ev) => {
      line("closed" + (ev.code ? " (code " + ev.code + (ev.reason ? ", " + ev.reason : "") + ")" : ""));
      status.textContent = status.textContent === "101" ? "closed" : "refused";
      connect.textContent = "Connect"; msg.disabled = true; sendBtn.disabled = true; sock = null;
    };
  } }, "Connect");
  const sendMsg = () => { if (sock && msg.value) { sock.send(msg.value); line("→ " + msg.value); msg.value = ""; } };
  const sendBtn = el("button", { type: "button", "data-action": "ws-send", disabled: true, onclick: sendMsg }, "Send message");
  msg.addEventListener("keydown", (ev) => { if (ev.key === "Enter") sendMsg(); });
  return el("div", { class: "socket" },
    el("p", { class: "hint", text: "A WebSocket is not a request and an answer: Connect opens it from this page (the server checks the Origin, which is this page's own), then every line you send goes to every client. A refused upgrade (400, 403, 409) shows as “refused”; the browser does not expose its status." }),
    el("div", { class: "actions" }, connect, el("div", { class: "status-line" }, status)),
    el("div", { class: "ws-send" }, msg, sendBtn),
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
  const dialog = authorizeDialog(who);
  const open = el("button", { type: "button", class: "authorize", "data-action": "authorize", onclick: () => dialog.showModal() }, "Authorize");
  return el("div", { class: "authbar" }, open, who, dialog);
}

function authorizeDialog(who) {
  const flow = state.oauth.flow;
  const user = el("input", { type: "text", "data-auth": "username", autocomplete: "username", required: true });
  const pass = el("input", { type: "password", "data-auth": "password", autocomplete: "current-password", required: true });
  const scopes = Object.entries(flow.scopes || {}).map(([s, d]) =>
    el("label", { class: "check" }, el("input", { type: "checkbox", "data-auth": "scope", value: s, checked: true }), el("code", { text: s }), " " + d));
  const message = el("p", { class: "auth-message", role: "status" });
  const logout = el("button", { type: "button", "data-action": "logout", hidden: true, onclick: () => {
    state.token = null;
    who.textContent = "Not authorized";
    message.textContent = "Logged out: the token is forgotten (it stays valid on the server until it expires).";
    logout.hidden = true;
  } }, "Log out");
  const login = el("button", { type: "submit", "data-action": "login" }, "Log in");
  const close = el("button", { type: "button", onclick: () => dialog.close() }, "Close");
  const form = el("form", { method: "dialog" },
    el("h3", { text: "Authorize" }),
    el("p", { class: "hint" }, "OAuth2 password flow: the page posts the form to ", el("code", { text: flow.tokenUrl }), " and sends the token it gets as ",
      el("code", { text: "Authorization: Bearer …" }), " on every later request. The token is kept in this page only."),
    el("label", { class: "field" }, el("span", { class: "name", text: "username" }), user),
    el("label", { class: "field" }, el("span", { class: "name", text: "password" }), pass),
    el("fieldset", { class: "scopes" }, el("legend", { text: "Scopes" }), scopes),
    message,
    el("div", { class: "actions" }, login, logout, close));
  const dialog = el("dialog", { class: "auth-dialog" }, form);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const chosen = scopes.map((l) => l.querySelector("input")).filter((c) => c.checked).map((c) => c.value);
    const body = new URLSearchParams({ grant_type: "password", username: user.value, password: pass.value, scope: chosen.join(" ") });
    message.textContent = "Logging in…";
    try {
      const res = await fetch(flow.tokenUrl, { method: "POST", body, cache: "no-store" });
      const data = await res.json().catch(() => ({}));
      if (!res.ok || !data.access_token) {
        message.textContent = "Refused (" + res.status + "): " + (typeof data.detail === "string" ? data.detail : "see the response");
        return;
      }
      state.token = data.access_token;
      who.textContent = "Authorized as " + user.value + " · scopes: " + (data.scope || chosen.join(" "));
      message.textContent = "Logged in. Requests to the operations marked token: … now carry it.";
      pass.value = "";
      logout.hidden = false;
    } catch (err) {
      message.textContent = "The login did not complete: " + err.message;
    }
  });
  return dialog;
}
