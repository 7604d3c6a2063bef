// The end user's page script (plain browser JavaScript, served as /poa/app.js).
export const USER_PAGE_SCRIPT = `
"use strict";
const POA_LABELS = {
  BANK_STATEMENT: "Bank Statement", ELECTRICITY_BILL: "Electricity Bill", WATER_BILL: "Water Bill",
  CREDIT_CARD_STATEMENT: "Credit Card Bill or Statement", GAS_BILL: "Gas Bill", TELEPHONE_BILL: "Telephone Bill",
  BANK_REFERENCE_LETTER: "Bank Reference Letter", INTERNET_BILL: "Internet Bill",
  MORTGAGE_STATEMENT: "Mortgage Statement or Contract", COMPANY_PAYSLIP: "Company Payslip",
  INSURANCE_POLICY: "Car or Home Insurance Policy", MUNICIPALITY_OR_TAX_LETTER: "Municipality Bill or Government Tax Letter",
  DRIVER_LICENSE: "Driver's License", RESIDENCE_PERMIT: "Residence Permit",
  EDUCATIONAL_INSTITUTION_LETTER: "Official Letter from an Educational Institution",
  LEASE_AGREEMENT: "Lease Agreement for Your Residence", EMPLOYMENT_LETTER: "Letter of Employment",
  CHANGE_OF_ADDRESS_FORM: "Authorized Change of Address Form", CAR_REGISTRATION: "Car Registration", OTHER: "Other",
  PUBLIC_AUTHORITY_LETTER: "Letter Issued by a Public Authority",
};
const app = document.getElementById("app");
const params = new URLSearchParams(location.search || location.hash.slice(1));
if (params.get("authToken")) {
  sessionStorage.setItem("poaAuthToken", params.get("authToken"));
  if (params.get("locale")) sessionStorage.setItem("poaLocale", params.get("locale"));
  history.replaceState(null, "", location.pathname);
}
const token = sessionStorage.getItem("poaAuthToken");
const locale = sessionStorage.getItem("poaLocale");
const q = locale ? "?locale=" + encodeURIComponent(locale) : "";
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else if (v !== false && v != null) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c);
  return node;
}
async function api(method, path, body, headers) {
  const res = await fetch(path, { method, headers: { authorization: "Bearer " + token, ...(headers || {}) }, body });
  const json = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new Error((json && json.message) || "Request failed (" + res.status + ")");
  return json;
}
function fail(message) {
  app.replaceChildren(el("h1", {}, "Verification"), el("p", { class: "error", "data-testid": "error" }, message));
}
function render(s) {
  const title = el("h1", {}, "Verification");
  if (s.state === "FINISHED") {
    app.replaceChildren(title, el("p", { class: "ok", "data-testid": "finished" }, "Thank you. Your documents were submitted."));
    if (s.redirectUrl) setTimeout(() => location.assign(s.redirectUrl), 1500);
    return;
  }
  if (s.scopeNeeded.country || s.scopeNeeded.documentType) {
    const form = el("section", {});
    const country = el("select", { id: "country" }, ...s.countries.map((c) => el("option", { value: c }, c)));
    const doc = el("select", { id: "documentType" }, ...s.documents.map((d) => el("option", { value: d }, d)));
    if (s.scopeNeeded.country) form.append(el("label", { for: "country" }, "Country"), country);
    if (s.scopeNeeded.documentType) form.append(el("label", { for: "documentType" }, "Identity document"), doc);
    form.append(el("p", {}, el("button", { "data-testid": "scope", onclick: async () => {
      try { render(await api("POST", "/api/v2/session/scope" + q, JSON.stringify({ country: s.scopeNeeded.country ? country.value : undefined, documentType: s.scopeNeeded.documentType ? doc.value : undefined }), { "content-type": "application/json" })); } catch (e) { fail(e.message); }
    } }, "Continue")));
    app.replaceChildren(title, form);
    return;
  }
  const list = s.steps.map((step) => {
    const status = el("p", { "data-testid": "status-" + step.name, class: step.uploaded ? "ok" : "" }, step.uploaded ? "Received." : "");
    const card = el("section", { "data-step": step.name }, el("h2", {}, step.title), el("p", {}, step.description));
    let select = null;
    if (step.selectDocumentType) {
      select = el("select", { id: "doc-" + step.name, "data-testid": "poa-document" }, ...s.poaDocuments.map((d) => el("option", { value: d, selected: d === step.documentType }, POA_LABELS[d] || d)));
      card.append(el("label", { for: "doc-" + step.name }, "Which document are you providing?"), select);
    }
    const send = async (file, source) => {
      status.textContent = "Uploading…"; status.className = "";
      try {
        const query = new URLSearchParams({ source });
        if (select) query.set("documentType", select.value);
        await api("PUT", "/api/v2/session/steps/" + step.name + "/file?" + query, file, { "content-type": "application/octet-stream" });
        render(await api("GET", "/api/v2/session" + q));
      } catch (e) { status.textContent = e.message; status.className = "error"; }
    };
    const accept = "image/jpeg,image/png" + (step.settings.canUploadPDF ? ",application/pdf" : "");
    if (step.settings.canUpload) {
      card.append(el("label", {}, "Upload a file", el("input", { type: "file", accept, "data-testid": "upload-" + step.name, onchange: (e) => e.target.files[0] && send(e.target.files[0], "UPLOAD") })));
    }
    if (step.settings.canCapture) {
      card.append(el("label", {}, "Take a photo", el("input", { type: "file", accept: "image/jpeg,image/png", capture: "environment", "data-testid": "capture-" + step.name, onchange: (e) => e.target.files[0] && send(e.target.files[0], "CAPTURE") })));
    }
    card.append(status);
    return card;
  });
  const done = s.steps.every((step) => step.uploaded);
  const finish = el("button", { disabled: !done, "data-testid": "finish", onclick: async () => {
    try { await api("POST", "/api/v2/session/finish"); render(await api("GET", "/api/v2/session" + q)); } catch (e) { fail(e.message); }
  } }, "Submit");
  app.replaceChildren(title, ...list, el("p", {}, finish));
}
if (!token) fail("This link is missing its verification token.");
else api("GET", "/api/v2/session" + q).then(render, (e) => fail(e.message));
`;
