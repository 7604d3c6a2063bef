import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createPartner, post } from "../support/nfc-harness.ts";

describe("the partner's lost/stolen list", () => {
  it("adds (idempotently), lists newest first, and removes; other partners see nothing", async () => {
    const partner = await createPartner();
    const add = async (document_number: string, issuing_state = "NLD") => {
      const res = await post("/nfc/v1/lost_stolen/add", {
        api_key: partner.apiKey,
        issuing_state,
        document_number,
        reason: "lost",
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json<{ data: { id: string; document_number: string } }>()).data;
    };
    const first = await add("SPECI2014");
    expect(await add("speci 2014")).toEqual(first);
    const second = await add("X1234567", "d<<");
    const list = await post("/nfc/v1/lost_stolen/list", { api_key: partner.apiKey });
    expect(await list.json()).toMatchObject({
      data: {
        entries: [
          { id: second.id, issuing_state: "D", document_number: "X1234567" },
          { id: first.id, issuing_state: "NLD", document_number: "SPECI2014", reason: "lost" },
        ],
        next_before: null,
      },
    });

    // Stored as a keyed digest and ciphertext: the number itself is not in D1.
    const { results } = await env.DB.prepare("select * from lost_stolen").all();
    expect(JSON.stringify(results)).not.toContain("SPECI2014");

    const other = await createPartner("Other");
    const foreign = await post("/nfc/v1/lost_stolen/remove", { api_key: other.apiKey, id: first.id });
    expect(foreign.status).toBe(404);
    expect(await (await post("/nfc/v1/lost_stolen/list", { api_key: other.apiKey })).json()).toMatchObject({
      data: { entries: [] },
    });

    expect((await post("/nfc/v1/lost_stolen/remove", { api_key: partner.apiKey, id: first.id })).status).toBe(
      200,
    );
    expect((await post("/nfc/v1/lost_stolen/remove", { api_key: partner.apiKey, id: first.id })).status).toBe(
      404,
    );
  });

  it("refuses malformed issuing states and document numbers", async () => {
    const partner = await createPartner();
    const res = await post("/nfc/v1/lost_stolen/add", {
      api_key: partner.apiKey,
      issuing_state: "Netherlands",
      document_number: "A-1",
    });
    expect(res.status).toBe(422);
    const body = await res.json<{ message: string }>();
    expect(body.message).toContain("issuing_state");
  });
});
