import { toDataUrl } from "../../src/images/image-input.ts";
import { call } from "./http.ts";

export const dataUrl = (bytes: Uint8Array) => toDataUrl(bytes, "image/jpeg");
export const base64 = (bytes: Uint8Array) => dataUrl(bytes).slice("data:image/jpeg;base64,".length);

/** A dossier and a FaceTec process of the token's partner. */
export async function newProcess(
  token: string,
): Promise<{ dossierId: string; processId: string; base: string }> {
  const dossier = await call("POST", "/assure/dossiers", { token });
  if (dossier.status !== 201) throw new Error(`dossier: ${dossier.status} ${await dossier.text()}`);
  const { dossierId } = await dossier.json<{ dossierId: string }>();
  const process = await call("POST", `/assure/dossiers/${dossierId}/processes`, {
    token,
    body: { provider: "facetec" },
  });
  if (process.status !== 201) throw new Error(`process: ${process.status} ${await process.text()}`);
  const { processId } = await process.json<{ processId: string }>();
  return { dossierId, processId, base: `/assure/dossiers/${dossierId}/processes/${processId}` };
}

export function enrollment(
  auditTrail: Uint8Array,
  options: { faceScan?: string; lowQuality?: Uint8Array } = {},
) {
  return {
    facetecEnrollment: {
      faceScan: options.faceScan ?? btoa(`facescan-${crypto.randomUUID()}`),
      auditTrailImage: base64(auditTrail),
      ...(options.lowQuality ? { lowQualityAuditTrailImage: base64(options.lowQuality) } : {}),
      userAgent: "facetec-test-agent",
    },
  };
}
