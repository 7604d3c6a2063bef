import { fromBase64, hmacSha256, timingSafeEqual, toBase64Url } from "@edgekyc/platform";
import { listImages, loadImage } from "../images/image-store.ts";
import type { Services } from "../services.ts";

/** return_image_links: links valid this long, without credentials (like S3 pre-signed URLs). */
const IMAGE_LINK_TTL_MS = 10 * 60_000;

const key = (services: Services) => `image links v1:${services.config.TOKEN_SIGNING_KEY}`;

async function mac(services: Services, payload: string): Promise<string> {
  return toBase64Url(await hmacSha256(key(services), payload));
}

/** `<base64url {o, n, e}>.<base64url HMAC>`: the owner (job), image name and expiry, signed. */
async function signImageLink(services: Services, ownerId: string, name: string): Promise<string> {
  const payload = toBase64Url(
    new TextEncoder().encode(JSON.stringify({ o: ownerId, n: name, e: services.now() + IMAGE_LINK_TTL_MS })),
  );
  return `${payload}.${await mac(services, payload)}`;
}

/** The image a link names, or null when the link is forged, expired or the image is gone (erased). */
export async function openImageLink(
  services: Services,
  token: string,
): Promise<{ bytes: Uint8Array; contentType: string } | null> {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined || payload.length > 400) return null;
  if (!(await timingSafeEqual(signature, await mac(services, payload)))) return null;
  let claims: { o?: unknown; n?: unknown; e?: unknown };
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    claims = JSON.parse(
      new TextDecoder().decode(fromBase64(base64 + "=".repeat((4 - (base64.length % 4)) % 4))),
    );
  } catch {
    return null;
  }
  if (typeof claims.o !== "string" || typeof claims.n !== "string" || typeof claims.e !== "number")
    return null;
  if (claims.e < services.now()) return null;
  return loadImage(services, claims.o, claims.n);
}

/** Smile ID's image_links object for a job: the selfie and liveness frames it holds. */
export async function imageLinks(
  services: Services,
  smileJobId: string,
  baseUrl: string,
): Promise<Record<string, unknown>> {
  const stored = await listImages(services, smileJobId);
  const link = async (name: string) =>
    `${baseUrl}/v1/images/${await signImageLink(services, smileJobId, name)}`;
  const links: Record<string, unknown> = {};
  if (stored.some((image) => image.name === "selfie")) links.selfie_image = await link("selfie");
  const frames = stored
    .filter((image) => image.name.startsWith("liveness-"))
    .map((image) => image.name)
    .sort();
  if (frames.length > 0) links.liveness_images = await Promise.all(frames.map(link));
  return links;
}
