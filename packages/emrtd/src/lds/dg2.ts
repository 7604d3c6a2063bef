// DG2: face images from the biometric information templates (ISO/IEC 7816-11): the biometric data block
// 5F2E holds an ISO/IEC 19794-5 record (binary), 7F2E an ISO/IEC 39794-5 block (DER). Out: the JPEG or
// JPEG 2000 bytes as stored, with the format recognised from the image's own signature.
import { type AsnNode, children, hexTag, primitiveBytes, tagNumber } from "../asn1.ts";
import { EmrtdError } from "../errors.ts";
import { decodeDataGroup } from "./data-group.ts";

export type ImageFormat = "jpeg" | "jpeg2000";

export interface FaceImage {
  format: ImageFormat;
  mimeType: "image/jpeg" | "image/jp2";
  /** The image as stored on the chip. */
  bytes: Uint8Array;
  /** Template standard it came from. */
  standard: "ISO/IEC 19794-5" | "ISO/IEC 39794-5";
  width?: number;
  height?: number;
}

const MAX_IMAGES = 16;

export function imageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xd8 && c === 0xff) return "jpeg";
  if (a === 0xff && b === 0x4f && c === 0xff && d === 0x51) return "jpeg2000"; // J2K codestream
  const jp2 = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20];
  if (bytes.length >= 8 && jp2.every((v, i) => bytes[i] === v)) return "jpeg2000";
  return undefined;
}

function face(
  bytes: Uint8Array,
  standard: FaceImage["standard"],
  size?: { width: number; height: number },
): FaceImage {
  const format = imageFormat(bytes);
  if (!format)
    throw new EmrtdError("unexpected_structure", `${standard} face image is neither JPEG nor JPEG 2000`);
  return { format, mimeType: format === "jpeg" ? "image/jpeg" : "image/jp2", bytes, standard, ...size };
}

/** Face images of an ISO/IEC 19794-5 facial record (the content of 5F2E). */
export function parseIso19794Face(record: Uint8Array): FaceImage[] {
  const fail = (what: string): never => {
    throw new EmrtdError("unexpected_structure", `ISO/IEC 19794-5 record: ${what}`);
  };
  if (record.length < 14 || record[0] !== 0x46 || record[1] !== 0x41 || record[2] !== 0x43 || record[3] !== 0)
    fail("no 'FAC' format identifier");
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const recordLength = view.getUint32(8);
  if (recordLength > record.length)
    fail(`record length ${recordLength} exceeds the ${record.length} bytes present`);
  const count = view.getUint16(12);
  if (count === 0) fail("no facial image");
  if (count > MAX_IMAGES) fail(`${count} facial images (at most ${MAX_IMAGES})`);
  const images: FaceImage[] = [];
  let offset = 14;
  for (let i = 0; i < count; i++) {
    if (offset + 20 > recordLength) fail(`facial record ${i + 1} is truncated`);
    const length = view.getUint32(offset);
    const featurePoints = view.getUint16(offset + 4);
    const imageInfo = offset + 20 + 8 * featurePoints;
    const imageStart = imageInfo + 12;
    const end = offset + length;
    if (length < 32 || end > recordLength || imageStart > end)
      fail(`facial record ${i + 1} has an inconsistent length`);
    images.push(
      face(record.subarray(imageStart, end), "ISO/IEC 19794-5", {
        width: view.getUint16(imageInfo + 2),
        height: view.getUint16(imageInfo + 4),
      }),
    );
    offset = end;
  }
  return images;
}

/** The image data inside an ISO/IEC 39794-5 face image data block: its representationData2D. */
function find39794Image(node: AsnNode, depth = 0): Uint8Array | undefined {
  if (depth > 16) return undefined;
  if (!node.idBlock.isConstructed) {
    const bytes = primitiveBytes(node);
    return imageFormat(bytes) ? bytes : undefined;
  }
  for (const child of children(node)) {
    const found = find39794Image(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Face images of a DG2 file (75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E | 7F2E } … } }). */
export function parseDg2(bytes: Uint8Array): FaceImage[] {
  const node = decodeDataGroup(2, bytes);
  const group = children(node).find((c) => tagNumber(c) === 0x7f61);
  if (!group)
    throw new EmrtdError("unexpected_structure", "DG2: no biometric information group template (7F61)");
  const templates = children(group).filter((c) => tagNumber(c) === 0x7f60);
  if (templates.length === 0)
    throw new EmrtdError("unexpected_structure", "DG2: no biometric information template (7F60)");
  if (templates.length > MAX_IMAGES)
    throw new EmrtdError(
      "unexpected_structure",
      `DG2: ${templates.length} templates (at most ${MAX_IMAGES})`,
    );
  const images: FaceImage[] = [];
  for (const template of templates) {
    const data = children(template).find((c) => tagNumber(c) === 0x5f2e || tagNumber(c) === 0x7f2e);
    if (!data)
      throw new EmrtdError("unexpected_structure", "DG2: template without biometric data (5F2E or 7F2E)");
    if (tagNumber(data) === 0x5f2e) {
      images.push(...parseIso19794Face(primitiveBytes(data)));
    } else {
      const image = find39794Image(data);
      if (!image)
        throw new EmrtdError(
          "unexpected_structure",
          `DG2: ISO/IEC 39794-5 block (${hexTag(0x7f2e)}) without JPEG or JPEG 2000 data`,
        );
      images.push(face(image, "ISO/IEC 39794-5"));
    }
  }
  return images;
}
