import { env } from "cloudflare:workers";
import type { FaceEngineRpc } from "@edgekyc/face-engine";

/** What the test Worker is bound to (vitest.config.ts): the bundled engine, over RPC and over HTTP. */
export interface TestBindings {
  FACE_ENGINE: Service<FaceEngineRpc>;
  FACE_ENGINE_HTTP: Fetcher;
  FACE_ENGINE_PRODUCTION_HTTP: Fetcher;
}

export const bindings = env as unknown as TestBindings & Record<string, ArrayBuffer>;

/** A test image by file name: from test/fixtures ("selfie.jpg") or, with `face:`, a calibration face ("face:s1-3"). */
export function image(name: string): Uint8Array {
  const key = name.startsWith("face:") ? `FACE_${name.slice(5)}.jpg` : `FIXTURE_${name}`;
  const data =
    bindings[
      key
        .replace(/[^A-Za-z0-9]/g, "_")
        .toUpperCase()
        .replace(/^FACE_/, "FACE_")
    ];
  if (!(data instanceof ArrayBuffer)) throw new Error(`no test image ${name}`);
  return new Uint8Array(data);
}

export const engine = bindings.FACE_ENGINE;
