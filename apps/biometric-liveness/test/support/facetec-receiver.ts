import { sandboxFaceTecServer } from "@edgekyc/provider-clients";
import { vi } from "vitest";
import { MarkerFaceEngine } from "../../src/face/marker-engine.ts";

export interface ReceivedCall {
  url: string;
  deviceKey: string | null;
  userAgent: string | null;
  body: Record<string, unknown>;
}

/**
 * A partner's FaceTec Server as the Worker sees it: every outbound fetch to `origin` is answered by a
 * FaceTec-Server-shaped receiver (the sandbox server judging the audit trail images by their test
 * markers) and recorded; any other outbound fetch fails the test.
 */
export function facetecReceiver(origin: string, deviceKey: string): ReceivedCall[] {
  const calls: ReceivedCall[] = [];
  const markers = new MarkerFaceEngine();
  const server = sandboxFaceTecServer(
    {
      async compare(probe, reference) {
        const result = await markers.compare(probe, reference);
        const compared = result.probeFaceFound && result.referenceFaceFound;
        return { compared, matchLevel: result.matchLevel, confidence: result.confidence };
      },
      liveness: (frames) => markers.liveness(frames),
    },
    deviceKey,
  );
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    if (!request.url.startsWith(origin)) throw new Error(`unexpected outbound fetch to ${request.url}`);
    calls.push({
      url: request.url,
      deviceKey: request.headers.get("X-Device-Key"),
      userAgent: request.headers.get("X-User-Agent"),
      body: (await request.clone().json()) as Record<string, unknown>,
    });
    return server(request);
  });
  return calls;
}
