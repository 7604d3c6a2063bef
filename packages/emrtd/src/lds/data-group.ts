// Data-group files of the LDS: each starts with its own tag (ICAO 9303-10), decoded with asn1js.
import { type AsnNode, decodeDer, hexTag, tagNumber } from "../asn1.ts";
import { EmrtdError } from "../errors.ts";

/** File tag of each data group (1..16), EF.COM (0) and EF.SOD. */
export const DATA_GROUP_TAGS: Record<number, number> = {
  1: 0x61,
  2: 0x75,
  3: 0x63,
  4: 0x76,
  5: 0x65,
  6: 0x66,
  7: 0x67,
  8: 0x68,
  9: 0x69,
  10: 0x6a,
  11: 0x6b,
  12: 0x6c,
  13: 0x6d,
  14: 0x6e,
  15: 0x6f,
  16: 0x70,
};

/** Decodes a data-group file and checks its tag. */
export function decodeDataGroup(number: number, bytes: Uint8Array, limits?: { maxNodes?: number }): AsnNode {
  const node = decodeDer(bytes, `DG${number}`, limits);
  const expected = DATA_GROUP_TAGS[number];
  if (tagNumber(node) !== expected) {
    throw new EmrtdError(
      "unexpected_structure",
      `DG${number}: expected tag ${hexTag(expected ?? 0)}, found ${hexTag(tagNumber(node))}`,
    );
  }
  return node;
}
