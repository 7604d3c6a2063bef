import { Unzip, UnzipInflate, UnzipPassThrough } from "fflate";

/** Bounds on what an uploaded zip may expand to; checked while it is read, never after the fact. */
export interface ZipLimits {
  /** Entries (files and folders) in the archive. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Uncompressed bytes per compressed byte of the whole archive (past the first MiB). */
  maxRatio: number;
}

const SMILE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 40,
  maxEntryBytes: 8 * 1024 * 1024,
  maxTotalBytes: 48 * 1024 * 1024,
  maxRatio: 100,
};

/** Why an archive was refused: its message says what, for the partner's developer. */
export class ZipRejected extends Error {
  override name = "ZipRejected";
}

const RATIO_GRACE_BYTES = 1024 * 1024;
/** Fed to fflate in slices, so limits stop a bomb after at most one slice of input. */
const CHUNK_BYTES = 64 * 1024;
const SAFE_NAME = /^[A-Za-z0-9_. -][A-Za-z0-9_. /-]{0,199}$/;

/**
 * Reads a zip with fflate's streaming reader and returns its files by name. Refuses (ZipRejected) a
 * corrupt archive, an unsupported compression method, a name that could escape a folder, a repeated name,
 * and anything past the limits: entry count, bytes per entry, total bytes and compression ratio are
 * counted as the data inflates, and inflation stops at the first byte over a limit.
 */
export function readZip(zip: Uint8Array, limits: ZipLimits = SMILE_ZIP_LIMITS): Map<string, Uint8Array> {
  if (zip.length < 22 || zip[0] !== 0x50 || zip[1] !== 0x4b)
    throw new ZipRejected("the upload is not a zip archive");
  const files = new Map<string, Uint8Array>();
  let entries = 0;
  let total = 0;
  let unfinished = 0;
  let failure: ZipRejected | null = null;
  const fail = (message: string) => {
    failure ??= new ZipRejected(message);
  };

  const unzip = new Unzip((file) => {
    if (failure) return;
    entries += 1;
    if (entries > limits.maxEntries) return fail(`the zip has more than ${limits.maxEntries} entries`);
    const name = file.name;
    if (!SAFE_NAME.test(name) || name.split("/").some((part) => part === ".." || part === ".")) {
      return fail("the zip has an entry whose name is not a plain relative file name");
    }
    if (name.endsWith("/")) return; // a folder
    if (files.has(name)) return fail(`the zip has two entries named ${name}`);
    if (file.compression !== 0 && file.compression !== 8) {
      return fail(
        `entry ${name} uses compression method ${file.compression}; only stored and deflate are supported`,
      );
    }
    if (file.originalSize !== undefined && file.originalSize > limits.maxEntryBytes) {
      return fail(`entry ${name} is larger than ${limits.maxEntryBytes} bytes`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    unfinished += 1;
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) return fail(`entry ${name} is corrupt`);
      size += data.length;
      total += data.length;
      if (size > limits.maxEntryBytes) {
        file.terminate();
        return fail(`entry ${name} is larger than ${limits.maxEntryBytes} bytes`);
      }
      if (total > limits.maxTotalBytes) {
        file.terminate();
        return fail(`the zip expands to more than ${limits.maxTotalBytes} bytes`);
      }
      if (total > RATIO_GRACE_BYTES && total > zip.length * limits.maxRatio) {
        file.terminate();
        return fail(`the zip expands more than ${limits.maxRatio} times its size (a zip bomb?)`);
      }
      chunks.push(data);
      if (final) {
        unfinished -= 1;
        const bytes = new Uint8Array(size);
        let offset = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, offset);
          offset += chunk.length;
        }
        files.set(name, bytes);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);

  try {
    for (let offset = 0; offset < zip.length && !failure; offset += CHUNK_BYTES) {
      const end = Math.min(zip.length, offset + CHUNK_BYTES);
      unzip.push(zip.subarray(offset, end), end === zip.length);
    }
  } catch {
    fail("the zip archive is corrupt");
  }
  if (!failure && unfinished > 0) fail("the zip archive is truncated");
  if (!failure && entries === 0) fail("the zip archive has no entries");
  if (failure) throw failure;
  return files;
}
