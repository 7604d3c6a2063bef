import { IdenfyError } from "../../idenfy-errors.ts";

const tooLarge = (max: number) => new IdenfyError("BAD_VALUE", 413, `The file is larger than ${max} bytes.`);

/**
 * Reads a raw request body of at most `max` bytes: refused by Content-Length before reading, and otherwise
 * counted as it streams in, stopping at the first byte over the cap, so at most `max` bytes are buffered.
 */
export async function readCapped(request: Request, max: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > max) throw tooLarge(max);
  if (!request.body)
    throw new IdenfyError("MISSING_VALUE", 400, "Missing mandatory parameter: file (the request body).");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  if (size === 0)
    throw new IdenfyError("MISSING_VALUE", 400, "Missing mandatory parameter: file (the request body).");
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
