import { describe, expect, it } from "vitest";
import { markerImage } from "../../src/face/marker-engine.ts";
import { dataUrl, newProcess } from "../support/assure-flow.ts";
import { assureToken, call, createPartner } from "../support/http.ts";

describe("Signicat Assure credentials", () => {
  it("refuses a missing, forged or other dialect's token on every route with 401 problem details", async () => {
    const partner = await createPartner();
    const token = await assureToken(partner);
    const { dossierId, processId, base } = await newProcess(token);
    const forged = `${token.slice(0, -6)}AAAAAA`;
    const routes: [string, string][] = [
      ["POST", "/assure/dossiers"],
      ["GET", `/assure/dossiers/${dossierId}`],
      ["DELETE", `/assure/dossiers/${dossierId}`],
      ["POST", `/assure/dossiers/${dossierId}/processes`],
      ["GET", base],
      ["PUT", `${base}/images/selfie`],
      ["GET", `${base}/images/selfie`],
      ["POST", `${base}/verify`],
      ["GET", `${base}/fullresult`],
    ];
    for (const [method, path] of routes) {
      for (const bad of [undefined, forged, partner.credentials.smileid.api_key]) {
        const res = await call(method, path, bad ? { token: bad } : {});
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(await res.json()).toMatchObject({
          status: 401,
          title: "Unauthorized",
          traceId: expect.any(String),
        });
      }
    }
    expect(processId).toBeTruthy();
  });

  it("answers another partner's dossier and process as not found, and changes nothing", async () => {
    const owner = await createPartner();
    const intruder = await createPartner("Intruder");
    const ownerToken = await assureToken(owner);
    const intruderToken = await assureToken(intruder);
    const { dossierId, base } = await newProcess(ownerToken);
    await call("PUT", `${base}/images/selfie`, {
      token: ownerToken,
      text: dataUrl(markerImage({ face: "ada" })),
    });
    for (const [method, path] of [
      ["GET", `/assure/dossiers/${dossierId}`],
      ["DELETE", `/assure/dossiers/${dossierId}`],
      ["GET", base],
      ["GET", `${base}/images/selfie`],
      ["PUT", `${base}/images/selfie`],
    ] as const) {
      const res = await call(method, path, {
        token: intruderToken,
        ...(method === "PUT" ? { text: dataUrl(markerImage({ face: "eve" })) } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const image = await call("GET", `${base}/images/selfie`, { token: ownerToken });
    expect(await image.text()).toBe(dataUrl(markerImage({ face: "ada" })));
  });

  it("refuses the token endpoint with wrong client credentials (RFC 6749 invalid_client)", async () => {
    const partner = await createPartner();
    const res = await call("POST", "/auth/open/connect/token", {
      headers: {
        authorization: `Basic ${btoa(`${partner.credentials.assure.client_id}:wrong-secret-wrong-secret-wrong-secret-xx`)}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      text: "grant_type=client_credentials",
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
  });
});
