// Fixture certificates and CRLs: CSCA (self-signed), DSC (issued by a CSCA), CRLs listing DSC serials.
import * as asn1js from "asn1js";
import { digest } from "../crypto/hash.ts";
import { OID } from "../crypto/oids.ts";
import {
  bitString,
  bool,
  context,
  encode,
  int,
  type Node,
  name,
  octets,
  oid,
  raw,
  seq,
  time,
  uint,
} from "./der-builder.ts";
import type { FixtureKey } from "./keys.ts";

export interface FixtureCertificate {
  der: Uint8Array;
  pem: string;
  key: FixtureKey;
  serial: Uint8Array;
  subjectName: Node;
  subjectKeyId: Uint8Array;
  country: string;
}

export interface CertificateOptions {
  country: string;
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  serial?: Uint8Array;
}

let serialCounter = 1;
function nextSerial(): Uint8Array {
  const random = crypto.getRandomValues(new Uint8Array(8));
  random[0] = ((random[0] as number) & 0x3f) | 0x10;
  random[7] = serialCounter++ & 0xff;
  return random;
}

export function toPem(der: Uint8Array, label = "CERTIFICATE"): string {
  const base64 = btoa(String.fromCharCode(...der));
  return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)?.join("\n")}\n-----END ${label}-----\n`;
}

async function keyId(spki: Uint8Array): Promise<Uint8Array> {
  return (await digest("SHA-1", spki)).subarray(0, 20);
}

const extension = (id: string, critical: boolean, value: Node) =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(encode(value)));

async function issue(
  subjectKey: FixtureKey,
  options: CertificateOptions,
  issuer: { key: FixtureKey; name: Node; keyId: Uint8Array } | undefined,
  ca: boolean,
): Promise<FixtureCertificate> {
  const serial = options.serial ?? nextSerial();
  const subjectName = name(options.country, options.commonName);
  const subjectKeyId = await keyId(subjectKey.spki);
  const signer = issuer ?? { key: subjectKey, name: subjectName, keyId: subjectKeyId };
  const keyUsage = new Uint8Array(ca ? [0x01, 0x06] : [0x07, 0x80]); // keyCertSign|cRLSign, or digitalSignature
  const tbs = seq(
    context(0, int(2)),
    uint(serial),
    signer.key.signatureAlgorithm(),
    signer.name,
    seq(time(options.notBefore), time(options.notAfter)),
    subjectName,
    raw(subjectKey.spki),
    context(
      3,
      seq(
        extension(OID.subjectKeyIdentifier, false, octets(subjectKeyId)),
        extension(OID.authorityKeyIdentifier, false, seq(contextPrimitiveKeyId(signer.keyId))),
        extension(OID.keyUsage, true, bitStringWithUnused(keyUsage)),
        ...(ca ? [extension(OID.basicConstraints, true, seq(bool(true), int(0)))] : []),
      ),
    ),
  );
  const tbsDer = encode(tbs);
  const signature = await signer.key.sign(tbsDer);
  const der = encode(seq(raw(tbsDer), signer.key.signatureAlgorithm(), bitString(signature)));
  return {
    der,
    pem: toPem(der),
    key: subjectKey,
    serial,
    subjectName,
    subjectKeyId,
    country: options.country,
  };
}

function contextPrimitiveKeyId(id: Uint8Array): Node {
  return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: id });
}

/** A BIT STRING whose first content octet is the unused-bits count (KeyUsage). */
function bitStringWithUnused(content: Uint8Array): Node {
  return new asn1js.BitString({ valueHex: content.subarray(1), unusedBits: content[0] ?? 0 });
}

export function createCsca(key: FixtureKey, options: CertificateOptions): Promise<FixtureCertificate> {
  return issue(key, options, undefined, true);
}

export function createDsc(
  key: FixtureKey,
  csca: FixtureCertificate,
  options: CertificateOptions,
): Promise<FixtureCertificate> {
  return issue(key, options, { key: csca.key, name: csca.subjectName, keyId: csca.subjectKeyId }, false);
}

/** A CRL signed by `csca`, listing `revoked` certificates. */
export async function createCrl(
  csca: FixtureCertificate,
  revoked: FixtureCertificate[],
  thisUpdate: Date,
  nextUpdate: Date,
): Promise<Uint8Array> {
  const entries = revoked.map((cert) => seq(uint(cert.serial), time(thisUpdate)));
  const tbs = seq(
    int(1),
    csca.key.signatureAlgorithm(),
    csca.subjectName,
    time(thisUpdate),
    time(nextUpdate),
    ...(entries.length ? [seq(...entries)] : []),
    context(
      0,
      seq(extension(OID.authorityKeyIdentifier, false, seq(contextPrimitiveKeyId(csca.subjectKeyId)))),
    ),
  );
  const tbsDer = encode(tbs);
  return encode(seq(raw(tbsDer), csca.key.signatureAlgorithm(), bitString(await csca.key.sign(tbsDer))));
}
