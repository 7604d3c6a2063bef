/** Standard base64 of bytes, in chunks (spreading a large array into fromCharCode overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Smile ID's request signature, as its SDKs compute it and its API checks it:
 * base64(HMAC-SHA256(api key, timestamp + partner_id + "sid_request")).
 */
export async function smileIdRequestSignature(
  apiKey: string,
  timestamp: string,
  partnerId: string,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(apiKey),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign(
    "HMAC",
    key,
    new TextEncoder().encode(`${timestamp}${partnerId}sid_request`),
  );
  return bytesToBase64(new Uint8Array(mac));
}
