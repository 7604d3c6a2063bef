// Certificate revocation lists issued by CSCAs, parsed with pkijs.
import * as pkijs from "pkijs";
import { type AsnNode, children, decodeDer, encodedBytes, primitiveBytes, tagNumber } from "./asn1.ts";
import type { ParsedCertificate } from "./certificate.ts";
import { toHex } from "./crypto/hash.ts";
import { OID } from "./crypto/oids.ts";
import { signatureScheme } from "./crypto/signature.ts";
import { EmrtdError, parsing } from "./errors.ts";

export class ParsedCrl {
  readonly der: Uint8Array;
  readonly issuer: string;
  readonly issuerDer: Uint8Array;
  readonly country?: string;
  readonly authorityKeyId?: string;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** Serial numbers (hex of the DER content octets) of revoked certificates. */
  readonly revokedSerials: Set<string>;
  private readonly tbs: Uint8Array;
  private readonly signatureAlgorithm: { oid: string; params?: AsnNode };
  private readonly signatureValue: Uint8Array;
  private readonly verifiedBy = new Map<string, Promise<boolean>>();

  private constructor(node: AsnNode, crl: pkijs.CertificateRevocationList) {
    this.der = encodedBytes(node);
    this.tbs = crl.tbsView;
    const tbsFields = children(children(node)[0] as AsnNode);
    const offset = tbsFields[0] && tagNumber(tbsFields[0]) === 0x02 ? 1 : 0;
    this.issuerDer = encodedBytes(tbsFields[offset + 1] as AsnNode);
    this.issuer = crl.issuer.typesAndValues
      .map((tv) => `${tv.type}=${(tv.value as { valueBlock: { value: string } }).valueBlock.value}`)
      .join(", ");
    const c = crl.issuer.typesAndValues.find((tv) => tv.type === OID.countryName);
    this.country = c
      ? String((c.value as { valueBlock: { value: string } }).valueBlock.value).toUpperCase()
      : undefined;
    this.thisUpdate = crl.thisUpdate.value;
    this.nextUpdate = crl.nextUpdate?.value;
    this.revokedSerials = new Set(
      (crl.revokedCertificates ?? []).map((r) => toHex(r.userCertificate.valueBlock.valueHexView)),
    );
    for (const extension of crl.crlExtensions?.extensions ?? []) {
      if (extension.extnID === OID.authorityKeyIdentifier) {
        const keyId = children(
          decodeDer(extension.extnValue.valueBlock.valueHexView, "CRL AuthorityKeyIdentifier"),
        ).find((f) => tagNumber(f) === 0x80);
        if (keyId) this.authorityKeyId = toHex(primitiveBytes(keyId));
      }
    }
    this.signatureAlgorithm = {
      oid: crl.signatureAlgorithm.algorithmId,
      params: crl.signatureAlgorithm.algorithmParams as AsnNode | undefined,
    };
    this.signatureValue = crl.signatureValue.valueBlock.valueHexView;
  }

  static fromDer(der: Uint8Array, what = "CRL"): ParsedCrl {
    const node = decodeDer(der, what, { maxNodes: 500_000 });
    return parsing(what, () => new ParsedCrl(node, new pkijs.CertificateRevocationList({ schema: node })));
  }

  /** Whether `csca` issued this CRL (its key verifies the signature); cached per CSCA. */
  isSignedBy(csca: ParsedCertificate): Promise<boolean> {
    let result = this.verifiedBy.get(csca.serial + csca.subject);
    if (!result) {
      result = (async () => {
        try {
          const scheme = signatureScheme(
            this.signatureAlgorithm.oid,
            this.signatureAlgorithm.params,
            "SHA-256",
          );
          return await csca.key.verify(scheme, this.tbs, this.signatureValue);
        } catch (error) {
          if (error instanceof EmrtdError) return false;
          throw error;
        }
      })();
      this.verifiedBy.set(csca.serial + csca.subject, result);
    }
    return result;
  }
}
