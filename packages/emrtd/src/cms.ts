// CMS SignedData (RFC 5652) as used by EF.SOD and master lists, navigated over the asn1js tree so that
// every missing or mistagged field gets an error naming it, and the exact original bytes (signed
// attributes, eContent, certificates) stay available for hashing.
import * as asn1js from "asn1js";
import { type AsnNode, children, encodedBytes, hexTag, primitiveBytes, tagNumber } from "./asn1.ts";
import { hashByOid, toHex } from "./crypto/hash.ts";
import { type HashName, OID } from "./crypto/oids.ts";
import { EmrtdError } from "./errors.ts";

type SignerId =
  | { kind: "issuerAndSerialNumber"; issuerDer: Uint8Array; serial: string }
  | { kind: "subjectKeyIdentifier"; keyId: string };

export interface SignerInfoParts {
  sid: SignerId;
  digestHash: HashName;
  /** DER of the signed attributes re-tagged as SET (0x31): the bytes the signature covers. */
  signedAttrs?: Uint8Array;
  contentType?: string;
  messageDigest?: Uint8Array;
  signingTime?: Date;
  signatureAlgorithm: { oid: string; params?: AsnNode };
  signature: Uint8Array;
}

export interface SignedDataParts {
  eContentType: string;
  eContent: Uint8Array;
  /** Certificates as decoded nodes (parse them with ParsedCertificate.fromNode). */
  certificates: AsnNode[];
  signers: SignerInfoParts[];
}

function expect(node: AsnNode | undefined, tag: number, what: string): AsnNode {
  if (!node) throw new EmrtdError("unexpected_structure", `${what} is missing`);
  const actual = tagNumber(node);
  if (actual !== tag)
    throw new EmrtdError(
      "unexpected_structure",
      `${what}: expected tag ${hexTag(tag)}, found ${hexTag(actual)}`,
    );
  return node;
}

function oidOf(node: AsnNode | undefined, what: string): string {
  return String(expect(node, 0x06, what).valueBlock);
}

/** Content octets of an OCTET STRING, primitive or (BER) constructed. */
function octetStringBytes(node: AsnNode, what: string): Uint8Array {
  const tag = tagNumber(node) & ~0x20;
  if (tag !== 0x04)
    throw new EmrtdError(
      "unexpected_structure",
      `${what}: expected an OCTET STRING, found ${hexTag(tagNumber(node))}`,
    );
  if (!node.idBlock.isConstructed) return primitiveBytes(node);
  const parts = children(node).map((part) => octetStringBytes(part, what));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function algorithm(node: AsnNode | undefined, what: string): { oid: string; params?: AsnNode } {
  const [oid, params] = children(expect(node, 0x30, what));
  return {
    oid: oidOf(oid, `${what} OID`),
    params: params && tagNumber(params) !== 0x05 ? params : undefined,
  };
}

/** A ContentInfo holding SignedData, decoded; `what` names the container in error messages. */
export function parseSignedData(contentInfo: AsnNode, what: string): SignedDataParts {
  const [typeNode, wrapped] = children(expect(contentInfo, 0x30, `${what} ContentInfo`));
  const contentType = oidOf(typeNode, `${what} contentType`);
  if (contentType !== OID.signedData)
    throw new EmrtdError("unexpected_structure", `${what}: content type ${contentType} is not SignedData`);
  const signedData = expect(
    children(expect(wrapped, 0xa0, `${what} content`))[0],
    0x30,
    `${what} SignedData`,
  );
  const fields = children(signedData);
  const encap = expect(fields[2], 0x30, `${what} encapContentInfo`);
  const [eTypeNode, eWrapped] = children(encap);
  const eContentType = oidOf(eTypeNode, `${what} eContentType`);
  const eContentNode = children(expect(eWrapped, 0xa0, `${what} eContent`))[0];
  if (!eContentNode) throw new EmrtdError("unexpected_structure", `${what}: eContent is empty`);
  const eContent = octetStringBytes(eContentNode, `${what} eContent`);
  let certificates: AsnNode[] = [];
  let signerSet: AsnNode | undefined;
  for (const field of fields.slice(3)) {
    const tag = tagNumber(field);
    if (tag === 0xa0) certificates = children(field).filter((c) => tagNumber(c) === 0x30);
    else if (tag === 0x31) signerSet = field;
  }
  const signers = children(expect(signerSet, 0x31, `${what} signerInfos`)).map((s, i) =>
    parseSignerInfo(s, `${what} signerInfo ${i + 1}`),
  );
  if (signers.length === 0) throw new EmrtdError("unexpected_structure", `${what}: no signerInfo`);
  return { eContentType, eContent, certificates, signers };
}

function parseSignerInfo(node: AsnNode, what: string): SignerInfoParts {
  const fields = children(expect(node, 0x30, what));
  const sidNode = fields[1];
  let sid: SignerId;
  if (sidNode && tagNumber(sidNode) === 0x80) {
    sid = { kind: "subjectKeyIdentifier", keyId: toHex(primitiveBytes(sidNode)) };
  } else {
    const [issuer, serial] = children(expect(sidNode, 0x30, `${what} sid`));
    sid = {
      kind: "issuerAndSerialNumber",
      issuerDer: encodedBytes(expect(issuer, 0x30, `${what} sid issuer`)),
      serial: toHex(primitiveBytes(expect(serial, 0x02, `${what} sid serialNumber`))),
    };
  }
  const digest = algorithm(fields[2], `${what} digestAlgorithm`);
  const digestHash = hashByOid(digest.oid, `${what} digestAlgorithm`);
  let index = 3;
  const parts: Partial<SignerInfoParts> = {};
  const attrsNode = fields[index];
  if (attrsNode && tagNumber(attrsNode) === 0xa0) {
    index++;
    const der = encodedBytes(attrsNode).slice();
    der[0] = 0x31; // the signature covers the attributes as a SET, not as the [0] they are sent as
    parts.signedAttrs = der;
    for (const attribute of children(attrsNode)) {
      const [typeNode, values] = children(expect(attribute, 0x30, `${what} signed attribute`));
      const type = oidOf(typeNode, `${what} signed attribute type`);
      const valueList = children(expect(values, 0x31, `${what} attribute ${type} values`));
      if (valueList.length !== 1 && (type === OID.contentType || type === OID.messageDigest)) {
        throw new EmrtdError(
          "unexpected_structure",
          `${what}: attribute ${type} must have exactly one value`,
        );
      }
      const value = valueList[0] as AsnNode;
      if (type === OID.contentType) parts.contentType = oidOf(value, `${what} contentType attribute`);
      else if (type === OID.messageDigest)
        parts.messageDigest = octetStringBytes(value, `${what} messageDigest attribute`);
      else if (
        type === OID.signingTime &&
        (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime)
      ) {
        const date = value.toDate();
        if (!Number.isNaN(date.getTime())) parts.signingTime = date;
      }
    }
  }
  const signatureAlgorithm = algorithm(fields[index], `${what} signatureAlgorithm`);
  const signature = octetStringBytes(
    expect(fields[index + 1], 0x04, `${what} signature`),
    `${what} signature`,
  );
  return { ...parts, sid, digestHash, signatureAlgorithm, signature };
}
