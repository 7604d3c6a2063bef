import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apiClient } from "../src/local-client.ts";
import { freePort } from "../src/ports.ts";
import { type Platform, startPlatform } from "../src/start.ts";
import { waitFor } from "./support/waiting.ts";

describe("a restart of the npm start stack", () => {
  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-restart-"));
  let platform: Platform | undefined;
  let receiver: Server | undefined;

  afterAll(async () => {
    await platform?.stop();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  });

  it("keeps a delivery that was retrying when it stopped, and delivers it after the restart", async () => {
    // The receiver fails until the platform has been stopped.
    let failing = true;
    const arrivals: string[] = [];
    receiver = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        arrivals.push(String(req.headers["webhook-id"]));
        res.writeHead(failing ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver?.listen(0, "127.0.0.1", resolve));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    // A fresh port for each start: the one freed by the stop may meanwhile be another process's.
    const start = async () =>
      startPlatform({
        port: await freePort(),
        persistTo: join(scratch, "state"),
        devDir: join(scratch, "dev"),
        // A quick retry, then 6 s waits: the platform is stopped during the first of them, and the next is
        // due before the restart is up, so the gateway's maintenance at start sends it on at once. Spare
        // retries keep the delivery alive should a slow stop let one more attempt fail first.
        env: { ...process.env, WEBHOOK_RETRY_SCHEDULE: "1,6,6,6,6" },
        cronIntervalMs: 2000,
        quiet: true,
        seedDemo: false,
        // Recovery is the gateway's own (its maintenance, forwarded by the router): no other app is needed.
        only: ["webhook-gateway"],
      });

    platform = await start();
    const admin = apiClient(platform.origin, platform.adminToken);
    const partner = await admin("POST", "/admin/v1/partners", { name: "Restart Partner", mode: "test" });
    expect(partner.status, JSON.stringify(partner.json)).toBe(201);
    const key = partner.json.credentials.edgekyc.api_key as string;
    const endpoint = await apiClient(platform.origin, key)("POST", "/webhooks/v1/endpoints", {
      url: receiverUrl,
    });
    expect(endpoint.status, JSON.stringify(endpoint.json)).toBe(201);
    const test = await apiClient(platform.origin, key)(
      "POST",
      `/webhooks/v1/endpoints/${endpoint.json.id}/test`,
    );
    expect(test.status, JSON.stringify(test.json)).toBe(202);
    await waitFor(
      "two failed attempts",
      async () => (arrivals.filter((id) => id === test.json.eventId).length >= 2 ? true : undefined),
      60_000,
    );
    console.log("[restart test] two attempts failed; stopping the platform");
    await platform.stop();
    platform = undefined;
    failing = false;

    // Local queues are gone now: the delivery waits in D1 as retrying, and only the gateway's
    // maintenance (at start and on the cron, forwarded by the router) can send it on.
    platform = await start();
    const partnerApi = apiClient(platform.origin, key);
    console.log("[restart test] restarted");
    const before = await partnerApi("GET", `/webhooks/v1/deliveries/${test.json.deliveryId}`);
    expect(before.json.status, JSON.stringify(before.json)).toBe("retrying");
    const delivered = await waitFor(
      "the delivery to succeed after the restart",
      async () => {
        const res = await partnerApi("GET", `/webhooks/v1/deliveries/${test.json.deliveryId}`);
        return res.json.status === "succeeded" ? res.json : undefined;
      },
      90_000,
    );
    expect(delivered.attemptLog.at(-1)).toMatchObject({ outcome: "success", statusCode: 204 });
  }, 360_000);
});
