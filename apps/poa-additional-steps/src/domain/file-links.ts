import { hmacSha256, timingSafeEqual, toHex } from "@edgekyc/platform";

// additionalStepPdfUrls are short-lived signed links: anyone holding one can fetch that one file until it
// expires, without credentials (as iDenfy's links), and a link stops working when the file is replaced.

export interface FileLinkTarget {
  scanRef: string;
  step: string;
  /** uploadedAt of the file version the link is for. */
  version: number;
}

function message(target: FileLinkTarget, expires: number): string {
  return `poa-file\n${target.scanRef}\n${target.step}\n${target.version}\n${expires}`;
}

async function signature(key: string, target: FileLinkTarget, expires: number): Promise<string> {
  return toHex(await hmacSha256(key, message(target, expires)));
}

const FILE_LINK_PATH = "/api/v2/additional-step-files";

export async function signFileLink(
  origin: string,
  key: string,
  target: FileLinkTarget,
  expiresAtSeconds: number,
): Promise<string> {
  const sig = await signature(key, target, expiresAtSeconds);
  const path = `${FILE_LINK_PATH}/${encodeURIComponent(target.scanRef)}/${encodeURIComponent(target.step)}`;
  return `${origin}${path}?v=${target.version}&expires=${expiresAtSeconds}&signature=${sig}`;
}

/** "ok", "expired" or "invalid" (checked in constant time; expiry only after the signature matched). */
export async function verifyFileLink(
  key: string,
  target: FileLinkTarget,
  expiresAtSeconds: number,
  presented: string,
  nowMs: number,
): Promise<"ok" | "expired" | "invalid"> {
  const expected = await signature(key, target, expiresAtSeconds);
  if (!(await timingSafeEqual(expected, presented))) return "invalid";
  return expiresAtSeconds * 1000 < nowMs ? "expired" : "ok";
}
