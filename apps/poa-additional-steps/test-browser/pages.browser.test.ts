import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, localRequest } from "../../../tools/dev/src/local-client.ts";
import { type Platform, startPlatform } from "../../../tools/dev/src/start.ts";
import { BROWSER_ARGS, findBrowser } from "./find-browser.ts";

// The end user's page and the review page in a real headless Chromium against `npm start`'s stack, down
// to the signed webhook in the development sink. Without a Chromium/Chrome on the machine the suite is
// skipped with a note (.ci/run installs Debian's chromium, so CI always runs it).

const executablePath = findBrowser();
if (!executablePath) {
  console.warn(
    "[poa-additional-steps] no Chromium or Chrome found (set CHROMIUM_PATH): browser tests skipped",
  );
}

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const ADDRESS = "Gedimino pr. 1, Vilnius";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function basic(user: string, password: string) {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

describe.skipIf(!executablePath)("the /poa/ and /review/ pages in headless Chromium", () => {
  let platform: Platform;
  let context: BrowserContext;
  let scratch = "";
  let idenfy: { api_key: string; api_secret: string };

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "edgekyc-poa-browser-"));
    platform = await startPlatform({
      port: await freePort(),
      persistTo: join(scratch, "state"),
      devDir: join(scratch, "dev"),
      quiet: true,
    });
    idenfy = platform.demo?.credentials.idenfy as typeof idenfy;
    const admin = apiClient(platform.origin, platform.adminToken);
    const settings = await admin(
      "PUT",
      `/admin/v1/partners/${platform.demo?.partnerId}/settings/poa-additional-steps`,
      {
        additionalSteps: {
          UTILITY_BILL: {
            type: "COMPARE",
            texts: {
              en: {
                name: "Please upload a proof of address document",
                description: "Not older than 3 months.",
              },
            },
            fields: ["address"],
            settings: { canUpload: true, canCapture: true, canUploadPDF: true },
          },
        },
      },
    );
    expect(settings.status, JSON.stringify(settings.json)).toBe(200);
    context = await chromium.launchPersistentContext(join(scratch, "profile"), {
      executablePath: executablePath as string,
      headless: true,
      args: BROWSER_ARGS,
    });
  });

  afterAll(async () => {
    await context?.close();
    await platform?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("a person uploads a PDF proof of address, a reviewer compares it, and the partner gets both callbacks", async () => {
    const tokenRes = await localRequest(`${platform.origin}/api/v2/token`, {
      method: "POST",
      headers: {
        authorization: basic(idenfy.api_key, idenfy.api_secret),
        "content-type": "application/json",
      },
      body: JSON.stringify({ clientId: "browser-1", additionalData: { UTILITY_BILL: { address: ADDRESS } } }),
    });
    expect(tokenRes.status, tokenRes.text).toBe(201);
    const token = tokenRes.json<{ authToken: string; scanRef: string }>();

    const user = await context.newPage();
    await user.goto(`${platform.origin}/poa/?authToken=${token.authToken}`);
    await expect.poll(() => user.url()).not.toContain("authToken");
    await user.getByText("Please upload a proof of address document").waitFor();
    await user.getByTestId("poa-document").selectOption("BANK_STATEMENT");
    await user
      .getByTestId("upload-UTILITY_BILL")
      .setInputFiles({ name: "bill.pdf", mimeType: "application/pdf", buffer: PDF });
    await user.getByTestId("status-UTILITY_BILL").getByText("Received.").waitFor();
    await user.getByTestId("finish").click();
    await user.getByTestId("finished").waitFor();

    const reviewer = await localRequest(`${platform.origin}/api/v2/reviewers`, {
      method: "POST",
      headers: {
        authorization: basic(idenfy.api_key, idenfy.api_secret),
        "content-type": "application/json",
      },
      body: JSON.stringify({ name: "Browser reviewer" }),
    });
    expect(reviewer.status, reviewer.text).toBe(201);
    const review = await context.newPage();
    await review.goto(`${platform.origin}/review/`);
    await review.getByTestId("key").fill("rvk_wrong");
    await review.getByTestId("login").click();
    await review.getByText("That key was not accepted.").waitFor();
    await review.getByTestId("key").fill(reviewer.json<{ apiKey: string }>().apiKey);
    await review.getByTestId("login").click();
    await review.getByTestId("queue").getByText("UTILITY_BILL").first().waitFor();
    await review.getByTestId("claim-next").click();
    const frame = review.getByTestId("pdf");
    await frame.waitFor();
    expect(await frame.getAttribute("src")).toMatch(/^blob:/);
    await expect.poll(() => review.getByTestId("additional-data").textContent()).toContain(ADDRESS);
    await review.getByTestId("decide-MATCH").click();
    await review.getByText("Decision saved.").waitFor();

    const status = await localRequest(`${platform.origin}/api/v2/status`, {
      method: "POST",
      headers: {
        authorization: basic(idenfy.api_key, idenfy.api_secret),
        "content-type": "application/json",
      },
      body: JSON.stringify({ scanRef: token.scanRef }),
    });
    expect(status.json()).toMatchObject({
      status: "APPROVED",
      final: true,
      additionalData: { UTILITY_BILL: { address: { status: "MATCH" } } },
    });

    // Both callbacks reach the partner's endpoint (the dev sink) signed with Idenfy-Signature, and so does
    // the announcement of the verification receipt (EdgeKYC dialect) for the final result.
    let deliveries: { headers: Record<string, string>; body: string }[] = [];
    let receiptEvents: { type: string; subjectRef: string }[] = [];
    await expect
      .poll(
        async () => {
          const sink = await localRequest(`${platform.origin}/dev/sink/demo?limit=50`);
          const ours = sink
            .json<{ data: { headers: Record<string, string>; body: string }[] }>()
            .data.filter((m) => m.body.includes(token.scanRef));
          receiptEvents = ours
            .map((m) => JSON.parse(m.body) as { type?: string; subjectRef: string })
            .filter((body): body is { type: string; subjectRef: string } => body.type === "receipt.issued");
          deliveries = ours.filter((m) => !m.body.includes('"receipt.issued"'));
          return [deliveries.length, receiptEvents.length];
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([2, 1]);
    expect(receiptEvents[0]?.subjectRef).toContain(token.scanRef);
    const finals = deliveries.map((m) => JSON.parse(m.body) as { final: boolean });
    expect(finals.map((f) => f.final).sort()).toEqual([false, true]);
    for (const message of deliveries) {
      const names = Object.keys(message.headers).map((h) => h.toLowerCase());
      expect(names).toContain("idenfy-signature");
      expect(names).toContain("webhook-signature");
    }
  });
});
