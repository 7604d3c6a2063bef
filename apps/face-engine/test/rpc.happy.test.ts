import { describe, expect, it } from "vitest";
import { bindings, engine, image } from "./support/env.ts";

describe("the FaceEngine entrypoint, called from another Worker over a service binding", () => {
  it("verify() compares a JPEG 2000 chip portrait with a selfie and scores liveness in one call", async () => {
    const outcome = await engine.verify({
      portrait: image("portrait.jp2"),
      selfie: image("selfie.jpg"),
      frames: [image("selfie.jpg"), image("selfie-dark.jpg")],
      minConfidence: 0,
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    const fields = outcome.value.machineSense;
    expect(fields.face_match).toBeGreaterThanOrEqual(0);
    expect(fields.face_match).toBeLessThan(1 - outcome.value.compare.threshold);
    expect(fields.face_match_confidence).toBeGreaterThan(50);
    expect(fields.liveness_confidence).toBe(outcome.value.liveness.confidence);
    expect(fields.liveness_confidence_array).toHaveLength(2);
    expect(fields.doc_face_vector).toHaveLength(1024);
    expect(fields.selfie_vector).toHaveLength(1024);
  });

  it("verify() without frames scores liveness on the selfie alone", async () => {
    const outcome = await engine.verify({ portrait: image("portrait.jpg"), selfie: image("selfie.jpg") });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.value.machineSense.liveness_confidence_array).toHaveLength(1);
  });

  it("info() names the models and the threshold", async () => {
    const info = await engine.info();
    expect(info).toMatchObject({
      engine: "embedded",
      models: { embedding: expect.stringContaining("faceres") },
    });
    expect(info.matchThreshold).toBeGreaterThan(0);
  });
});

describe("HTTP", () => {
  it("serves its OpenAPI document and docs page", async () => {
    const spec = await bindings.FACE_ENGINE_HTTP.fetch("http://face-engine/docs/face-engine/openapi.json");
    expect(spec.status, await spec.clone().text()).toBe(200);
    // Development routes are left out of the document; the RPC API is described in it.
    expect(((await spec.json()) as { info: { description: string } }).info.description).toContain(
      "FaceEngine",
    );
    const page = await bindings.FACE_ENGINE_HTTP.fetch("http://face-engine/docs/face-engine");
    expect(page.status).toBe(200);
  });

  it("offers the compare route in development, with problem details for a bad image", async () => {
    const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
    const post = (body: object) =>
      bindings.FACE_ENGINE_HTTP.fetch("http://face-engine/dev/face-engine/compare", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const ok = await post({
      reference: toBase64(image("portrait.jpg")),
      probe: toBase64(image("selfie.jpg")),
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(((await ok.json()) as { result: { match: boolean } }).result.match).toBe(true);
    const bad = await post({
      reference: toBase64(image("portrait.jpg")),
      probe: toBase64(new TextEncoder().encode("nope")),
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(await bad.text()).toContain("unsupported_format");
  });

  it("has no development routes in production", async () => {
    const res = await bindings.FACE_ENGINE_PRODUCTION_HTTP.fetch(
      "http://face-engine/dev/face-engine/compare",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      },
    );
    expect(res.status).toBe(404);
  });
});
