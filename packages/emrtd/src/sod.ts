// EF.SOD (tag 0x77): the document security object, a CMS SignedData over the LDS security object,
// which lists the hash of every data group.
import { type AsnNode, children, decodeDer, hexTag, primitiveBytes, tagNumber } from "./asn1.ts";
import { algorithm, parseSignedData, type SignedDataParts, type SignerInfoParts } from "./cms.ts";
import { hashByOid } from "./crypto/hash.ts";
import { type HashName, LDS_CONTENT_TYPES } from "./crypto/oids.ts";
import { EmrtdError } from "./errors.ts";

export interface SecurityObject {
  /** The bytes as read (for hashing and storage). */
  bytes: Uint8Array;
  /** Hash algorithm of the data-group hashes. */
  hashAlgorithm: HashName;
  /** Data-group number (1..16) → hash. */
  dataGroupHashes: Map<number, Uint8Array>;
  /** LDS version 0 (v1.7) or 1 (v1.8 with ldsVersionInfo). */
  version: number;
  ldsVersion?: string;
  unicodeVersion?: string;
  signedData: SignedDataParts;
  signer: SignerInfoParts;
}

/** Parses EF.SOD; throws EmrtdError naming the first thing that is wrong. */
export function parseSod(bytes: Uint8Array): SecurityObject {
  const root = decodeDer(bytes, "EF.SOD");
  if (tagNumber(root) !== 0x77) {
    throw new EmrtdError(
      "unexpected_structure",
      `EF.SOD: expected tag 0x77, found ${hexTag(tagNumber(root))}`,
    );
  }
  const contentInfo = children(root)[0];
  if (!contentInfo) throw new EmrtdError("unexpected_structure", "EF.SOD: empty");
  const signedData = parseSignedData(contentInfo, "EF.SOD");
  if (!LDS_CONTENT_TYPES.has(signedData.eContentType)) {
    throw new EmrtdError(
      "unexpected_structure",
      `EF.SOD: eContentType ${signedData.eContentType} is not an LDS security object`,
    );
  }
  if (signedData.signers.length !== 1) {
    throw new EmrtdError(
      "unexpected_structure",
      `EF.SOD: ${signedData.signers.length} signerInfos (ICAO 9303 requires one)`,
    );
  }
  const lds = decodeDer(signedData.eContent, "LDSSecurityObject");
  return {
    bytes,
    ...parseLdsSecurityObject(lds),
    signedData,
    signer: signedData.signers[0] as SignerInfoParts,
  };
}

function integerValue(node: AsnNode | undefined, what: string): number {
  if (!node || tagNumber(node) !== 0x02)
    throw new EmrtdError("unexpected_structure", `${what} is not an INTEGER`);
  const bytes = primitiveBytes(node);
  if (bytes.length > 4) throw new EmrtdError("unexpected_structure", `${what} is out of range`);
  return bytes.reduce((v, b) => v * 256 + b, 0);
}

function parseLdsSecurityObject(node: AsnNode) {
  if (tagNumber(node) !== 0x30)
    throw new EmrtdError("unexpected_structure", "LDSSecurityObject is not a SEQUENCE");
  const [versionNode, hashNode, hashesNode, versionInfo] = children(node);
  const version = integerValue(versionNode, "LDSSecurityObject version");
  if (version > 1)
    throw new EmrtdError("unexpected_structure", `LDSSecurityObject version ${version} is unknown`);
  const hashAlgorithm = hashByOid(
    algorithm(hashNode, "LDSSecurityObject hashAlgorithm").oid,
    "LDSSecurityObject hashAlgorithm",
  );
  if (!hashesNode || tagNumber(hashesNode) !== 0x30)
    throw new EmrtdError("unexpected_structure", "LDSSecurityObject dataGroupHashValues is missing");
  const dataGroupHashes = new Map<number, Uint8Array>();
  for (const entry of children(hashesNode)) {
    const [numberNode, valueNode] = children(entry);
    const number = integerValue(numberNode, "DataGroupHash number");
    if (number < 1 || number > 16)
      throw new EmrtdError("unexpected_structure", `DataGroupHash for data group ${number} (1..16 exist)`);
    if (!valueNode || tagNumber(valueNode) !== 0x04)
      throw new EmrtdError("unexpected_structure", `DataGroupHash ${number}: value is not an OCTET STRING`);
    if (dataGroupHashes.has(number))
      throw new EmrtdError("unexpected_structure", `DataGroupHash ${number} listed twice`);
    dataGroupHashes.set(number, primitiveBytes(valueNode));
  }
  let ldsVersion: string | undefined;
  let unicodeVersion: string | undefined;
  if (versionInfo && tagNumber(versionInfo) === 0x30) {
    const [lds, unicode] = children(versionInfo).map((n) =>
      String((n.valueBlock as { value?: unknown } | undefined)?.value ?? ""),
    );
    ldsVersion = lds;
    unicodeVersion = unicode;
  }
  return { hashAlgorithm, dataGroupHashes, version, ldsVersion, unicodeVersion };
}
