// Every BER/DER decode goes through here, with limits, so that hostile input fails with an EmrtdError
// instead of exhausting memory or the stack.
import * as asn1js from "asn1js";
import { EmrtdError } from "./errors.ts";

export interface DecodeLimits {
  /** Nesting depth (default 40: real eMRTD structures stay under 15). */
  maxDepth?: number;
  /** Number of ASN.1 nodes (default 10,000; a master list needs more). */
  maxNodes?: number;
}

export type AsnNode = ReturnType<typeof asn1js.fromBER>["result"];

/** Decodes exactly one BER element filling `bytes`; throws EmrtdError("malformed_asn1") otherwise. */
export function decodeDer(bytes: Uint8Array, what: string, limits: DecodeLimits = {}): AsnNode {
  if (bytes.byteLength === 0) throw new EmrtdError("malformed_asn1", `${what}: empty input`);
  let decoded: ReturnType<typeof asn1js.fromBER>;
  try {
    decoded = asn1js.fromBER(bytes, {
      maxDepth: limits.maxDepth ?? 40,
      maxNodes: limits.maxNodes ?? 10_000,
      maxContentLength: bytes.byteLength,
      // Not decoding the content of every OCTET/BIT STRING as nested BER: 1000× faster on master lists,
      // and what an OCTET STRING holds is decoded where it is meant to be.
      parseEmbedded: false,
    });
  } catch (error) {
    throw new EmrtdError("malformed_asn1", `${what}: ${(error as Error).message}`, { cause: error });
  }
  const { result, offset } = decoded;
  if (offset === -1 || result.error) {
    throw new EmrtdError("malformed_asn1", `${what}: ${result.error || "not decodable"}`);
  }
  if (offset !== bytes.byteLength) {
    throw new EmrtdError(
      "malformed_asn1",
      `${what}: ${bytes.byteLength - offset} trailing bytes after the encoded element`,
    );
  }
  return result;
}

/**
 * The element's tag as it was encoded (e.g. 0x77 for EF.SOD, 0x5f1f for the MRZ). Read from the original
 * identifier octets because ICAO uses non-minimal high-tag forms: 5F0E (DG11's name) is [APPLICATION 14],
 * which the minimal encoding would write as 4E.
 */
export function tagNumber(node: AsnNode): number {
  if (!node?.idBlock) throw new EmrtdError("malformed_asn1", "element without an identifier");
  const raw = node.valueBeforeDecodeView;
  if (raw && raw.byteLength > 0) {
    let value = raw[0] as number;
    if ((value & 0x1f) !== 0x1f) return value;
    for (let i = 1; i < Math.min(raw.byteLength, 5); i++) {
      value = value * 256 + (raw[i] as number);
      if (((raw[i] as number) & 0x80) === 0) break;
    }
    return value;
  }
  const { tagClass, tagNumber: number, isConstructed } = node.idBlock;
  // Not decoded from bytes: re-encode the identifier octets (class, constructed bit, number).
  const first = ((tagClass - 1) << 6) | (isConstructed ? 0x20 : 0);
  if (number < 31) return first | number;
  const bytes: number[] = [];
  for (let n = number; n > 0; n = Math.floor(n / 128)) bytes.unshift(n % 128);
  let value = first | 0x1f;
  bytes.forEach((b, i) => {
    value = value * 256 + (i < bytes.length - 1 ? b | 0x80 : b);
  });
  return value;
}

export function hexTag(tag: number): string {
  return `0x${tag.toString(16).padStart(2, "0")}`;
}

/** Children of a constructed element. */
export function children(node: AsnNode): AsnNode[] {
  // Defensive: asn1js can leave an inner node it failed on without a value block.
  const value = (node?.valueBlock as { value?: unknown } | undefined)?.value;
  return Array.isArray(value) ? (value as AsnNode[]) : [];
}

/** Content octets of a primitive element. */
export function primitiveBytes(node: AsnNode): Uint8Array {
  const view = (node?.valueBlock as { valueHexView?: Uint8Array } | undefined)?.valueHexView;
  if (!view)
    throw new EmrtdError("unexpected_structure", `element ${hexTag(tagNumber(node))} is not primitive`);
  return view;
}

/** The original encoding of an element (tag, length and content) as it was in the input. */
export function encodedBytes(node: AsnNode): Uint8Array {
  return new Uint8Array(node.valueBeforeDecodeView);
}

/** Finds the first child with a given tag. */
export function childWithTag(node: AsnNode, tag: number): AsnNode | undefined {
  return children(node).find((child) => tagNumber(child) === tag);
}
