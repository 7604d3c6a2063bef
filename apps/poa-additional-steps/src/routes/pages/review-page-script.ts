// The reviewer's page script (plain browser JavaScript, served as /review/app.js).
export const REVIEW_PAGE_SCRIPT = `
"use strict";
const app = document.getElementById("app");
let key = sessionStorage.getItem("poaReviewerKey");
let objectUrl = null;
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else if (v !== false && v != null) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c);
  return node;
}
async function api(method, path, body) {
  const headers = { authorization: "Bearer " + key };
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) { sessionStorage.removeItem("poaReviewerKey"); key = null; login("That key was not accepted."); throw new Error("unauthorized"); }
  const json = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new Error((json && json.message) || "Request failed (" + res.status + ")");
  return json;
}
function notice(message, cls) { return el("p", { class: cls || "", "data-testid": "notice" }, message); }
function login(message) {
  const input = el("input", { type: "password", id: "key", autocomplete: "off", "data-testid": "key" });
  app.replaceChildren(el("h1", {}, "Review"), el("section", {}, el("label", { for: "key" }, "Reviewer key"), input,
    el("p", {}, el("button", { "data-testid": "login", onclick: () => { key = input.value.trim(); sessionStorage.setItem("poaReviewerKey", key); queue(); } }, "Open the queue")),
    message ? notice(message, "error") : ""));
}
async function queue(message) {
  if (objectUrl) { URL.revokeObjectURL(objectUrl); objectUrl = null; }
  let items;
  try { items = (await api("GET", "/review/v1/queue")).data; } catch (e) { if (key) app.replaceChildren(notice(e.message, "error")); return; }
  const rows = items.map((item) => el("tr", { "data-item": item.id },
    el("td", {}, item.queuedAt.replace("T", " ").slice(0, 19)), el("td", {}, item.step), el("td", {}, item.type),
    el("td", {}, item.state === "CLAIMED" ? "claimed" : "open"),
    el("td", {}, el("button", { class: "secondary", "data-testid": "open-" + item.id, onclick: () => open(item.id, true) }, "Open"))));
  app.replaceChildren(el("h1", {}, "Review queue"), message ? notice(message, "ok") : "",
    el("p", {}, el("button", { "data-testid": "claim-next", disabled: items.length === 0, onclick: async () => {
      try { const item = await api("POST", "/review/v1/queue/claim"); if (item) open(item.id, false); else queue("The queue is empty."); } catch (e) { queue(e.message); }
    } }, "Claim the oldest item"), " ", el("button", { class: "secondary", onclick: () => queue() }, "Refresh")),
    items.length === 0 ? el("p", { "data-testid": "empty" }, "Nothing to review.") :
      el("table", { "data-testid": "queue" }, el("tr", {}, el("th", {}, "Queued"), el("th", {}, "Step"), el("th", {}, "Type"), el("th", {}, "State"), el("th", {}, "")), ...rows));
}
async function open(id, claim) {
  let item;
  try {
    if (claim) await api("POST", "/review/v1/items/" + id + "/claim");
    item = await api("GET", "/review/v1/items/" + id);
  } catch (e) { return queue(e.message); }
  const viewer = el("div", { class: "viewer", "data-testid": "viewer" }, "Loading the document…");
  const res = await fetch("/review/v1/items/" + id + "/file", { headers: { authorization: "Bearer " + key } });
  if (res.ok) {
    const blob = await res.blob();
    objectUrl = URL.createObjectURL(blob);
    viewer.replaceChildren(blob.type === "application/pdf"
      ? el("iframe", { src: objectUrl, title: "Document (PDF)", "data-testid": "pdf" })
      : el("img", { src: objectUrl, alt: "Document", "data-testid": "image" }));
  } else viewer.replaceChildren(notice("The document could not be loaded.", "error"));
  const data = Object.entries(item.additionalData);
  const form = el("section", { "data-testid": "decision" });
  const submit = async (decision) => {
    try { await api("POST", "/review/v1/items/" + id + "/decision", decision); queue("Decision saved."); } catch (e) { form.append(notice(e.message, "error")); }
  };
  if (item.type === "COMPARE") {
    form.append(el("p", {}, "Does the document show this data?"));
    for (const status of ["MATCH", "NOT_MATCH", "NOT_FOUND", "NO_DATA"]) {
      form.append(el("button", { class: "secondary", "data-testid": "decide-" + status, onclick: () => submit({ status }) }, status.replace("_", " ")), " ");
    }
  } else {
    const inputs = item.fields.map((field) => [field, el("input", { type: "text", id: "field-" + field, "data-testid": "field-" + field, value: item.additionalData[field] || "" })]);
    for (const [field, input] of inputs) form.append(el("label", { for: "field-" + field }, field + " (leave empty when unreadable)"), input);
    form.append(el("p", {}, el("button", { "data-testid": "save-values", onclick: () => submit({ values: Object.fromEntries(inputs.map(([f, i]) => [f, i.value.trim() || null])) }) }, "Save")));
  }
  app.replaceChildren(
    el("h1", {}, item.step + " · " + item.type),
    el("p", {}, el("button", { class: "secondary", "data-testid": "release", onclick: async () => { try { await api("POST", "/review/v1/items/" + id + "/release"); } finally { queue(); } } }, "Release and go back")),
    el("section", {}, el("p", {}, el("strong", {}, item.instructions ? item.instructions.name : item.step)),
      el("p", {}, "Document: " + (item.document ? (item.document.documentType || "not specified") + ", " + item.document.contentType : "none")),
      el("table", { "data-testid": "additional-data" }, ...(data.length ? data.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v))) : [el("tr", {}, el("td", {}, "No additionalData was provided."))]))),
    viewer, form);
}
if (key) queue(); else login();
`;
