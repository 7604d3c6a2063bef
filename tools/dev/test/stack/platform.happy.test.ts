import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiClient, localRequest } from "../../src/local-client.ts";
import { waitFor } from "../support/waiting.ts";

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  at: number;
}

describe("the npm start stack, end to end", () => {
  const platform = inject("httpStack");
  let receiver: Server;
  let receiverOrigin: string;
  let receiverUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const path = req.url ?? "";
        received.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          at: Date.now(),
        });
        // /hooks/flaky fails each delivery's first attempt, so the retry schedule shows.
        const id = req.headers["webhook-id"];
        const firstTry =
          received.filter((r) => r.path === path && r.headers["webhook-id"] === id).length === 1;
        res.writeHead(path === "/hooks/flaky" && firstTry ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverOrigin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    receiverUrl = `${receiverOrigin}/hooks/edgekyc`;
  });

  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it("lists every app at / and serves each app's docs", async () => {
    const index = (await localRequest(`${platform.origin}/`)).json<{ apps: { app: string }[] }>();
    expect(index.apps.map((a) => a.app).sort()).toEqual(platform.apps.map((a) => a.name).sort());
    for (const app of platform.apps) {
      const page = await localRequest(`${platform.origin}/docs/${app.name}`);
      expect(page.status, page.text.slice(0, 200)).toBe(200);
      const spec = await localRequest(`${platform.origin}/docs/${app.name}/openapi.json`);
      expect(spec.json<{ openapi: string }>().openapi).toBe("3.1.0");
    }
  });

  it("seeds a demo partner whose endpoint is the dev sink", async () => {
    expect(platform.demo?.credentials.edgekyc?.api_key).toMatch(/^ek_test_/);
    expect(platform.demo?.sinkUrl).toBe(`${platform.origin}/dev/sink/demo`);
    const key = platform.demo?.credentials.edgekyc?.api_key as string;
    const endpoints = await apiClient(platform.origin, key)("GET", "/webhooks/v1/endpoints");
    expect(endpoints.json.data, JSON.stringify(endpoints.json)).toMatchObject([
      { url: `${platform.origin}/dev/sink/demo`, mode: "test", capability: null },
    ]);
  });

  it("retries on the schedule given in the environment (WEBHOOK_RETRY_SCHEDULE=1,1)", async () => {
    const admin = apiClient(platform.origin, platform.adminToken);
    const partner = await admin("POST", "/admin/v1/partners", { name: "E2E Retry Partner", mode: "test" });
    expect(partner.status, JSON.stringify(partner.json)).toBe(201);
    const partnerApi = apiClient(platform.origin, partner.json.credentials.edgekyc.api_key);
    const endpoint = await partnerApi("POST", "/webhooks/v1/endpoints", {
      url: `${receiverOrigin}/hooks/flaky`,
    });
    expect(endpoint.status, JSON.stringify(endpoint.json)).toBe(201);
    const test = await partnerApi("POST", `/webhooks/v1/endpoints/${endpoint.json.id}/test`);
    expect(test.status, JSON.stringify(test.json)).toBe(202);

    const attempts = await waitFor("a first failed attempt and a retry", () => {
      const seen = received.filter((r) => r.headers["webhook-id"] === test.json.eventId);
      return seen.length >= 2 ? seen : undefined;
    });
    // The default schedule waits 5 s (±10 %) before the first retry; 1 s here.
    expect((attempts[1] as Received).at - (attempts[0] as Received).at).toBeLessThan(4000);
    const delivery = await waitFor("the delivery to succeed on its retry", async () => {
      const res = await partnerApi("GET", `/webhooks/v1/deliveries/${test.json.deliveryId}`);
      return res.json.status === "succeeded" ? res.json : undefined;
    });
    expect(delivery.attemptLog).toMatchObject([
      { number: 1, statusCode: 503 },
      { number: 2, outcome: "success", statusCode: 204 },
    ]);
  });

  it("answers unknown paths with a JSON 404 from the router", async () => {
    const res = await localRequest(`${platform.origin}/no-such-app/v1`);
    expect(res.status).toBe(404);
    expect(res.json<{ detail: string }>().detail).toContain("/no-such-app/v1");
  });

  it("passes method, headers and body through the router unchanged", async () => {
    const body = JSON.stringify({ text: "é ✓ \u0000", n: [1, 2, 3] });
    const posted = await localRequest(`${platform.origin}/dev/sink/e2e-passthrough`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-e2e-probe": "kept as sent" },
      body,
    });
    expect(posted.status, posted.text).toBeLessThan(300);
    const listed = await localRequest(`${platform.origin}/dev/sink/e2e-passthrough`);
    const [message] = listed.json<{
      data: { method: string; headers: Record<string, string>; body: string }[];
    }>().data;
    expect(message).toMatchObject({ method: "POST", body });
    expect(message?.headers["x-e2e-probe"]).toBe("kept as sent");
  });

  it("delivers a test event, signed, to a partner's local receiver", async () => {
    const admin = apiClient(platform.origin, platform.adminToken);
    const partner = await admin("POST", "/admin/v1/partners", { name: "E2E Partner", mode: "test" });
    expect(partner.status, JSON.stringify(partner.json)).toBe(201);
    const partnerApi = apiClient(platform.origin, partner.json.credentials.edgekyc.api_key);

    const endpoint = await partnerApi("POST", "/webhooks/v1/endpoints", { url: receiverUrl });
    expect(endpoint.status, JSON.stringify(endpoint.json)).toBe(201);
    expect(endpoint.json.secret).toMatch(/^whsec_/);

    const test = await partnerApi("POST", `/webhooks/v1/endpoints/${endpoint.json.id}/test`);
    expect(test.status, JSON.stringify(test.json)).toBe(202);

    const delivery = await waitFor("the test event at the receiver", () =>
      received.find((r) => r.headers["webhook-id"] === test.json.eventId),
    );
    const headers = Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k, String(v)]));
    const verified = new Webhook(endpoint.json.secret).verify(delivery.body, headers) as { type: string };
    expect(verified.type).toBe("webhook.test");

    const status = await waitFor("the delivery to be recorded as succeeded", async () => {
      const res = await partnerApi("GET", `/webhooks/v1/deliveries/${test.json.deliveryId}`);
      return res.json.status === "succeeded" ? res.json : undefined;
    });
    expect(status.attemptLog[0]).toMatchObject({ number: 1, outcome: "success", statusCode: 204 });

    // The demo partner's sink got nothing: no event of this partner's, and no stray delivery at all.
    const sink = await localRequest(`${platform.origin}/dev/sink/demo`);
    expect(sink.status, sink.text).toBe(200);
    expect(sink.json<{ data: unknown[] }>().data).toEqual([]);
  });

  it("refuses the partner API without a key and the admin API with a partner key", async () => {
    expect((await localRequest(`${platform.origin}/webhooks/v1/endpoints`)).status).toBe(401);
    const partnerKey = platform.demo?.credentials.edgekyc?.api_key as string;
    expect((await apiClient(platform.origin, partnerKey)("GET", "/admin/v1/partners")).status).toBe(401);
  });
});

describe("the npm start stack over https", () => {
  const platform = inject("httpsStack");

  beforeAll(async () => {});

  afterAll(async () => {});

  it("serves TLS with the local certificate and delivers to the dev sink over it", async () => {
    expect(platform.origin).toMatch(/^https:/);
    const ca = platform.ca as string;
    const index = await localRequest(`${platform.origin}/`, { ca });
    expect(index.json<{ apps: { docs: string }[] }>().apps[0]?.docs).toMatch(/^https:/);
    const key = platform.demo?.credentials.edgekyc?.api_key as string;
    const partnerApi = apiClient(platform.origin, key, ca);
    const [endpoint] = (await partnerApi("GET", "/webhooks/v1/endpoints")).json.data;
    const test = await partnerApi("POST", `/webhooks/v1/endpoints/${endpoint.id}/test`);
    const delivered = await waitFor("the test event in the sink", async () => {
      const sink = await localRequest(`${platform.origin}/dev/sink/demo`, { ca });
      return sink.text.includes(test.json.eventId) ? sink : undefined;
    });
    expect(delivered.status).toBe(200);
    // Without the certificate, a client refuses the connection.
    await expect(localRequest(`${platform.origin}/`)).rejects.toThrow();
  });
});
