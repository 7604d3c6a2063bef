import { Hono } from "hono";
import type { PoaEnv } from "../../app-env.ts";
import { PAGE_HEADERS, pageHtml } from "./page-shell.ts";
import { REVIEW_PAGE_SCRIPT } from "./review-page-script.ts";
import { USER_PAGE_SCRIPT } from "./user-page-script.ts";

const SCRIPT_HEADERS = {
  "content-type": "text/javascript; charset=utf-8",
  "x-content-type-options": "nosniff",
  "cache-control": "no-cache",
};

/** The end user's page (/poa/?authToken=…) and the reviewer's page (/review/). */
export const pages = new Hono<PoaEnv>()
  .get("/poa/", (c) => c.html(pageHtml("Verification", "/poa/app.js"), 200, PAGE_HEADERS))
  .get("/poa/app.js", (c) => c.body(USER_PAGE_SCRIPT, 200, SCRIPT_HEADERS))
  .get("/review/", (c) => c.html(pageHtml("Review", "/review/app.js"), 200, PAGE_HEADERS))
  .get("/review/app.js", (c) => c.body(REVIEW_PAGE_SCRIPT, 200, SCRIPT_HEADERS));
