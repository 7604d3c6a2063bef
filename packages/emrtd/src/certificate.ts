// X.509 certificates (CSCA, DSC, master-list signers) parsed with pkijs, reduced to what verification
// needs. The public key is prepared lazily and kept with the certificate (cached per isolate with it).
import * as pkijs from "pkijs";
import { type AsnNode, children, decodeDer, encodedBytes, primitiveBytes, tagNumber } from "./asn1.ts";
import { toHex } from "./crypto/hash.ts";
import { OID } from "./crypto/oids.ts";
import { type SignatureScheme, signatureScheme, VerificationKey } from "./crypto/signature.ts";
import { EmrtdError, parsing } from "./errors.ts";

export class ParsedCertificate {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly subject: string;
  readonly issuer: string;
  readonly subjectDer: Uint8Array;
  readonly issuerDer: Uint8Array;
  /** Country (C) of the subject, upper case; undefined when absent. */
  readonly country?: string;
  readonly issuerCountry?: string;
  /** Serial number, lower-case hex of its DER content octets. */
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Declared SubjectKeyIdentifier (hex), not a recomputed one (quirks notes, 7). */
  readonly subjectKeyId?: string;
  readonly authorityKeyId?: string;
  readonly isCa: boolean;
  readonly signatureAlgorithm: { oid: string; params?: AsnNode };
  readonly signatureValue: Uint8Array;
  readonly spki: Uint8Array;
  private keyCache?: VerificationKey;

  private constructor(der: Uint8Array, node: AsnNode, cert: pkijs.Certificate) {
    this.der = der;
    this.tbs = cert.tbsView;
    const tbsFields = children(children(node)[0] as AsnNode);
    const offset = tbsFields[0] && tagNumber(tbsFields[0]) === 0xa0 ? 1 : 0;
    this.issuerDer = encodedBytes(tbsFields[offset + 2] as AsnNode);
    this.subjectDer = encodedBytes(tbsFields[offset + 4] as AsnNode);
    this.spki = encodedBytes(tbsFields[offset + 5] as AsnNode);
    this.subject = nameToString(cert.subject);
    this.issuer = nameToString(cert.issuer);
    this.country = nameCountry(cert.subject);
    this.issuerCountry = nameCountry(cert.issuer);
    this.serial = toHex(cert.serialNumber.valueBlock.valueHexView);
    this.notBefore = cert.notBefore.value;
    this.notAfter = cert.notAfter.value;
    for (const extension of cert.extensions ?? []) {
      const value = extension.extnValue.valueBlock.valueHexView;
      if (extension.extnID === OID.subjectKeyIdentifier) {
        this.subjectKeyId = parsing("SubjectKeyIdentifier", () =>
          toHex(primitiveBytes(decodeDer(value, "SubjectKeyIdentifier"))),
        );
      } else if (extension.extnID === OID.authorityKeyIdentifier) {
        const keyId = children(decodeDer(value, "AuthorityKeyIdentifier")).find((f) => tagNumber(f) === 0x80);
        if (keyId) this.authorityKeyId = toHex(primitiveBytes(keyId));
      } else if (extension.extnID === OID.basicConstraints) {
        const first = children(decodeDer(value, "BasicConstraints"))[0];
        this.isCa = !!first && tagNumber(first) === 0x01 && primitiveBytes(first)[0] !== 0;
      }
    }
    this.isCa ??= false;
    this.signatureAlgorithm = {
      oid: cert.signatureAlgorithm.algorithmId,
      params: cert.signatureAlgorithm.algorithmParams as AsnNode | undefined,
    };
    this.signatureValue = cert.signatureValue.valueBlock.valueHexView;
  }

  /** Parses a DER certificate; throws EmrtdError naming the problem. */
  static fromDer(der: Uint8Array, what = "certificate"): ParsedCertificate {
    const node = decodeDer(der, what);
    return ParsedCertificate.fromNode(node, what);
  }

  static fromNode(node: AsnNode, what = "certificate"): ParsedCertificate {
    return parsing(what, () => {
      const cert = new pkijs.Certificate({ schema: node });
      return new ParsedCertificate(encodedBytes(node), node, cert);
    });
  }

  /** The certificate's public key, prepared once (throws EmrtdError for unusable keys). */
  get key(): VerificationKey {
    this.keyCache ??= VerificationKey.fromSpki(this.spki);
    return this.keyCache;
  }

  /** The scheme of this certificate's own signature. */
  get signatureScheme(): SignatureScheme {
    const { oid, params } = this.signatureAlgorithm;
    // A few CSCAs name bare rsaEncryption / ecPublicKey; their hash then is not stated: assume SHA-256.
    return signatureScheme(oid, params, "SHA-256");
  }

  /** Whether `issuer`'s key verifies this certificate's signature. */
  async isSignedBy(issuer: ParsedCertificate): Promise<boolean> {
    try {
      return await issuer.key.verify(this.signatureScheme, this.tbs, this.signatureValue);
    } catch (error) {
      if (error instanceof EmrtdError) return false;
      throw error;
    }
  }

  validAt(date: Date): boolean {
    return date >= this.notBefore && date <= this.notAfter;
  }
}

const SHORT_NAMES: Record<string, string> = {
  "2.5.4.6": "C",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.3": "CN",
  "2.5.4.5": "serialNumber",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "1.2.840.113549.1.9.1": "emailAddress",
};

function attributeValue(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === "string" ? block.value : "";
}

function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${SHORT_NAMES[tv.type] ?? tv.type}=${attributeValue(tv.value)}`)
    .join(", ");
}

function nameCountry(name: pkijs.RelativeDistinguishedNames): string | undefined {
  const c = name.typesAndValues.find((tv) => tv.type === OID.countryName);
  const value = c ? attributeValue(c.value).trim().toUpperCase() : "";
  return value || undefined;
}
