// Small constructors over asn1js for building fixtures (encoding only; decoding is asn1js's).
import * as asn1js from "asn1js";

export type Node = asn1js.AsnType | asn1js.BaseBlock;

export const seq = (...value: Node[]) => new asn1js.Sequence({ value: value as asn1js.BaseBlock[] });
export const set = (...value: Node[]) => new asn1js.Set({ value: value as asn1js.BaseBlock[] });
export const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
export const nullValue = () => new asn1js.Null();
export const octets = (bytes: Uint8Array) => new asn1js.OctetString({ valueHex: bytes });
export const bitString = (bytes: Uint8Array) => new asn1js.BitString({ valueHex: bytes });
export const int = (value: number) => new asn1js.Integer({ value });
const printable = (value: string) => new asn1js.PrintableString({ value });
const utf8 = (value: string) => new asn1js.Utf8String({ value });
export const bool = (value: boolean) => new asn1js.Boolean({ value });

/** A non-negative INTEGER from big-endian bytes (a leading zero added when the top bit is set). */
export function uint(bytes: Uint8Array): asn1js.Integer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  const value = (trimmed[0] ?? 0) & 0x80 ? new Uint8Array([0, ...trimmed]) : trimmed;
  return new asn1js.Integer({ valueHex: value });
}

export function time(date: Date): Node {
  return date.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate: date })
    : new asn1js.GeneralizedTime({ valueDate: date });
}

/** [n] constructed, context class (EXPLICIT, or IMPLICIT for SET/SEQUENCE content). */
export const context = (n: number, ...value: Node[]) =>
  new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: n }, value: value as asn1js.BaseBlock[] });
/** [n] primitive, context class (IMPLICIT OCTET STRING etc.). */
export const contextPrimitive = (n: number, bytes: Uint8Array) =>
  new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: n }, valueHex: bytes });
/** Application-class constructed (LDS data-group files, biometric templates). */
export const application = (n: number, ...value: Node[]) =>
  new asn1js.Constructed({ idBlock: { tagClass: 2, tagNumber: n }, value: value as asn1js.BaseBlock[] });
export const applicationPrimitive = (n: number, bytes: Uint8Array) =>
  new asn1js.Primitive({ idBlock: { tagClass: 2, tagNumber: n }, valueHex: bytes });

/** An already-encoded element, embedded as it is. */
export function raw(der: Uint8Array): Node {
  return asn1js.fromBER(der).result;
}

export function encode(node: Node): Uint8Array {
  return new Uint8Array((node as asn1js.BaseBlock).toBER());
}

export function name(country: string, commonName: string, organisation = "EdgeKYC Test"): Node {
  const rdn = (type: string, value: Node) => set(seq(oid(type), value));
  return seq(
    rdn("2.5.4.6", printable(country)),
    rdn("2.5.4.10", utf8(organisation)),
    rdn("2.5.4.3", utf8(commonName)),
  );
}
