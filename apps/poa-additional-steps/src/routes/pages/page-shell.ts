// The two small pages this app serves (end user, reviewer): static HTML and a script from the same
// origin, so the CSP can forbid inline script; files are shown from blob: URLs fetched with credentials.

const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' blob:",
  "frame-src blob:",
  "media-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");

export const PAGE_HEADERS = {
  "content-security-policy": PAGE_CSP,
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
};

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d232b}
main{max-width:760px;margin:0 auto;padding:24px}
h1{font-size:22px}section,.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:16px;margin:12px 0}
button{font:inherit;padding:8px 14px;border-radius:6px;border:1px solid #3557c5;background:#3557c5;color:#fff;cursor:pointer}
button[disabled]{opacity:.5;cursor:default}button.secondary{background:#fff;color:#3557c5}
label{display:block;margin:8px 0 4px}select,input[type=text],input[type=password]{font:inherit;padding:6px;width:100%;box-sizing:border-box}
.error{color:#b3261e}.ok{color:#1e7d32}table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:6px;border-bottom:1px solid #eee}
.viewer img{max-width:100%}.viewer iframe{width:100%;height:600px;border:1px solid #ccc}
`;

export function pageHtml(title: string, script: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head>
<body><main id="app"><h1>${title}</h1><p>Loading…</p></main><script src="${script}"></script></body></html>`;
}
