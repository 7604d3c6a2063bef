// The fixture factory: CSCA → DSC → EF.SOD over EF.COM, DG1, DG2, DG15, with a chosen algorithm, TD1 or
// TD3, an Active Authentication key that answers challenges as a chip does, and broken variants.

import * as asn1js from "asn1js";
import { alpha2ToMrzState } from "../countries.ts";
import { digest, equalBytes } from "../crypto/hash.ts";
import { HASH_OID_BY_NAME, type HashName, OID } from "../crypto/oids.ts";
import {
  application,
  applicationPrimitive,
  context,
  contextPrimitive,
  encode,
  int,
  nullValue,
  octets,
  oid,
  raw,
  seq,
  set,
  time,
  uint,
} from "./der-builder.ts";
import { type FixtureAlgorithm, type FixtureKey, generateKey, type KeyOptions } from "./keys.ts";
import { type MrzPerson, td1, td3 } from "./mrz-builder.ts";
import { createCrl, createCsca, createDsc, type FixtureCertificate } from "./pki.ts";

export type Variant =
  | "valid"
  | "tampered-dg" // DG1 changed after signing: its hash no longer matches
  | "tampered-signature" // one bit of the SOD signature flipped
  | "unlisted-dg" // a DG3 that the SOD does not list
  | "expired" // DSC and CSCA validity ended before `now`
  | "revoked" // the CSCA's CRL lists the DSC
  | "wrong-anchor"; // the CSCA's country is not the document's issuing state

export interface DocumentOptions {
  algorithm?: FixtureAlgorithm;
  /** Algorithm of the CSCA (default: the document's). */
  cscaAlgorithm?: FixtureAlgorithm;
  format?: "TD1" | "TD3";
  variant?: Variant;
  /** Active Authentication key in DG15 ("none" leaves DG15 out). Default "rsa". */
  activeAuthentication?: "rsa" | "ecdsa" | "none";
  person?: Partial<MrzPerson>;
  /** CSCA country (alpha-2) and MRZ issuing state; default "UT"/"UTO" (ICAO's Utopia). */
  country?: string;
  /** JPEG or JPEG 2000 bytes for DG2 (default: a small placeholder framed by JPEG SOI/EOI markers). */
  faceImage?: Uint8Array;
  /** Reference time: certificates are valid around it (default now). */
  now?: Date;
  keyOptions?: KeyOptions;
  /** Reuse a CSCA (with its key) across documents. */
  csca?: FixtureCertificate;
}

export interface ActiveAuthenticationKey {
  kind: "rsa" | "ecdsa";
  /** Answers a challenge as the chip would (INTERNAL AUTHENTICATE). */
  answer(challenge: Uint8Array): Promise<Uint8Array>;
}

export interface DocumentFixture {
  /** Files in the layout the CLI reads: EF_COM.bin, DG1.bin, DG2.bin, DG15.bin, EF_SOD.bin (DG3.bin for unlisted-dg). */
  files: Record<string, Uint8Array>;
  sod: Uint8Array;
  dataGroups: Map<number, Uint8Array>;
  mrz: string;
  csca: FixtureCertificate;
  dsc: FixtureCertificate;
  /** A CRL from the CSCA (listing the DSC for the "revoked" variant, else empty). */
  crl: Uint8Array;
  activeAuthentication?: ActiveAuthenticationKey;
  /** The time the fixture's certificates are valid at (the variant "expired" excepted). */
  now: Date;
}

const DAY = 86_400_000;
const ascii = (text: string) => new TextEncoder().encode(text);

const DEFAULT_PERSON: MrzPerson = {
  issuingState: "UTO",
  nationality: "UTO",
  lastName: "ERIKSSON",
  firstName: "ANNA MARIA",
  documentNumber: "L898902C3",
  birthDate: "740812",
  expirationDate: "340415",
  sex: "F",
  personalNumber: "ZE184226B",
};

/** A small byte string framed as a JPEG (SOI … EOI) standing in for a face image. */
export const PLACEHOLDER_FACE = new Uint8Array([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0x00,
  0x10,
  ...ascii("JFIF"),
  0,
  1,
  1,
  0,
  0,
  1,
  0,
  1,
  0,
  0,
  0xff,
  0xd9,
]);

/** DG2 with an ISO/IEC 19794-5 face record (one image) in a biometric information template. */
export function buildDg2(image: Uint8Array): Uint8Array {
  const jpeg2000 = image[0] === 0x00 && image[1] === 0x00;
  const record = new Uint8Array(14 + 20 + 12 + image.length);
  const view = new DataView(record.buffer);
  record.set(ascii("FAC\x00010\x00"), 0); // format identifier and version
  view.setUint32(8, record.length);
  view.setUint16(12, 1); // one facial image
  view.setUint32(14, 20 + 12 + image.length); // facial record data length
  record[20] = 2; // gender: female; eye and hair colour, pose etc. stay zero (unspecified)
  record[34] = 1; // face image type: full frontal
  record[35] = jpeg2000 ? 1 : 0; // image data type: 0 JPEG, 1 JPEG 2000
  view.setUint16(36, 480);
  view.setUint16(38, 640);
  record.set(image, 46);
  // 7F60 { A1 { 80 ICAO header version, 81 biometric type face, 87 format owner, 88 format type }, 5F2E }
  const header = context(
    1,
    contextPrimitive(0, new Uint8Array([1, 1])),
    contextPrimitive(1, new Uint8Array([2])),
    contextPrimitive(7, new Uint8Array([1, 1])),
    contextPrimitive(8, new Uint8Array([0, 8])),
  );
  const template = application(0x60, header, applicationPrimitive(0x2e, record));
  return encode(application(0x15, application(0x61, int(1), template)));
}

function buildCom(groups: number[]): Uint8Array {
  const tags = { 1: 0x61, 2: 0x75, 3: 0x63, 15: 0x6f } as Record<number, number>;
  return encode(
    application(
      0,
      applicationPrimitive(1, ascii("0107")),
      applicationPrimitive(0x36, ascii("040000")),
      applicationPrimitive(0x1c, new Uint8Array(groups.map((g) => tags[g] ?? 0))),
    ),
  );
}

async function aaKey(
  kind: "rsa" | "ecdsa",
  keyOptions: KeyOptions,
): Promise<{ key: FixtureKey; answer: ActiveAuthenticationKey }> {
  if (kind === "ecdsa") {
    const key = await generateKey("ecdsa-brainpoolP256r1-sha256", { explicitCurve: false });
    return {
      key,
      answer: {
        kind,
        answer: async (challenge) =>
          (key.ecSignDigest as (h: Uint8Array) => Uint8Array)(await digest("SHA-256", challenge)),
      },
    };
  }
  const key = await generateKey("rsa-pkcs1-sha256", { rsaBits: keyOptions.rsaBits ?? 1024 });
  return {
    key,
    answer: {
      kind,
      // ISO/IEC 9796-2 scheme 1, partial recovery, SHA-1 (trailer 0xBC) as most chips do.
      async answer(challenge) {
        const size = await rsaModulusLength(key);
        const m1 = crypto.getRandomValues(new Uint8Array(size - 20 - 2));
        const input = new Uint8Array(m1.length + challenge.length);
        input.set(m1);
        input.set(challenge, m1.length);
        const message = new Uint8Array(size);
        message[0] = 0x6a;
        message.set(m1, 1);
        message.set(await digest("SHA-1", input), 1 + m1.length);
        message[size - 1] = 0xbc;
        return (key.rsaPrivate as (m: Uint8Array) => Uint8Array)(message);
      },
    },
  };
}

async function rsaModulusLength(key: FixtureKey): Promise<number> {
  const imported = await crypto.subtle.importKey(
    "spki",
    key.spki as Uint8Array<ArrayBuffer>,
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    true,
    ["verify"],
  );
  return (imported.algorithm as unknown as { modulusLength: number }).modulusLength / 8;
}

async function signSod(
  dsc: FixtureCertificate,
  hash: HashName,
  groups: Map<number, Uint8Array>,
  signingTime: Date,
  tamperSignature: boolean,
): Promise<Uint8Array> {
  const hashes = [];
  for (const [number, bytes] of [...groups].sort((a, b) => a[0] - b[0]))
    hashes.push(seq(int(number), octets(await digest(hash, bytes))));
  const hashAlg = seq(oid(HASH_OID_BY_NAME[hash]), nullValue());
  const lds = encode(seq(int(0), hashAlg, seq(...hashes)));
  const attrs = [
    seq(oid(OID.contentType), set(oid(OID.ldsSecurityObject))),
    seq(oid(OID.signingTime), set(time(signingTime))),
    seq(oid(OID.messageDigest), set(octets(await digest(hash, lds)))),
  ];
  const signed = encode(set(...attrs));
  const signature = await dsc.key.sign(signed);
  if (tamperSignature) signature[signature.length - 5] = (signature[signature.length - 5] as number) ^ 0x01;
  const signerInfo = seq(
    int(1),
    seq(raw(encode(issuerOf(dsc))), uint(dsc.serial)),
    hashAlg,
    context(0, ...attrs),
    dsc.key.signatureAlgorithm(),
    octets(signature),
  );
  const signedData = seq(
    int(3),
    set(hashAlg),
    seq(oid(OID.ldsSecurityObject), context(0, octets(lds))),
    context(0, raw(dsc.der)),
    set(signerInfo),
  );
  return encode(application(23, seq(oid(OID.signedData), context(0, signedData))));
}

/** The DSC's issuer Name, read back from its DER (tbs field after serial and algorithm). */
function issuerOf(dsc: FixtureCertificate) {
  const cert = asn1js.fromBER(dsc.der).result as asn1js.Sequence;
  const tbs = cert.valueBlock.value[0] as asn1js.Sequence;
  return tbs.valueBlock.value[3] as asn1js.Sequence;
}

/** Builds a document (see DocumentOptions); every key is fresh unless a CSCA is passed in. */
export async function createDocument(options: DocumentOptions = {}): Promise<DocumentFixture> {
  const algorithm = options.algorithm ?? "rsa-pkcs1-sha256";
  const variant = options.variant ?? "valid";
  const now = options.now ?? new Date();
  const country = options.country ?? "UT";
  const issuingState = alpha2ToMrzState(country);
  if (!issuingState) throw new Error(`no MRZ code for country ${country}`);
  const certNow = variant === "expired" ? new Date(now.getTime() - 4000 * DAY) : now;
  const cscaCountry = variant === "wrong-anchor" ? "NG" : country;
  const csca =
    options.csca ??
    (await createCsca(await generateKey(options.cscaAlgorithm ?? algorithm, options.keyOptions), {
      country: cscaCountry,
      commonName: `CSCA ${cscaCountry}`,
      notBefore: new Date(certNow.getTime() - 400 * DAY),
      notAfter: new Date(certNow.getTime() + 3650 * DAY),
    }));
  const dsc = await createDsc(await generateKey(algorithm, options.keyOptions), csca, {
    country: csca.country,
    commonName: `DS ${csca.country}`,
    notBefore: new Date(certNow.getTime() - 30 * DAY),
    notAfter: new Date(certNow.getTime() + (variant === "expired" ? 60 : 3650) * DAY),
  });
  const person: MrzPerson = { ...DEFAULT_PERSON, issuingState, nationality: issuingState, ...options.person };
  const mrz = options.format === "TD1" ? td1(person) : td3(person);
  const groups = new Map<number, Uint8Array>();
  groups.set(1, encode(application(1, applicationPrimitive(0x1f, ascii(mrz)))));
  groups.set(2, buildDg2(options.faceImage ?? PLACEHOLDER_FACE));
  let activeAuthentication: ActiveAuthenticationKey | undefined;
  if ((options.activeAuthentication ?? "rsa") !== "none") {
    const aa = await aaKey(
      options.activeAuthentication === "ecdsa" ? "ecdsa" : "rsa",
      options.keyOptions ?? {},
    );
    groups.set(15, encode(application(15, raw(aa.key.spki))));
    activeAuthentication = aa.answer;
  }
  const signingTime = new Date(certNow.getTime() - DAY);
  const sod = await signSod(dsc, dsc.key.hash, groups, signingTime, variant === "tampered-signature");
  const com = buildCom([...groups.keys()]);
  if (variant === "tampered-dg") {
    const dg1 = groups.get(1) as Uint8Array;
    const altered = dg1.slice();
    altered[10] = altered[10] === 0x41 ? 0x42 : 0x41; // one letter of the name
    if (!equalBytes(altered, dg1)) groups.set(1, altered);
  }
  if (variant === "unlisted-dg") groups.set(3, encode(application(3, application(0x61, int(0)))));
  const crl = await createCrl(
    csca,
    variant === "revoked" ? [dsc] : [],
    new Date(now.getTime() - DAY),
    new Date(now.getTime() + 30 * DAY),
  );
  const files: Record<string, Uint8Array> = { "EF_COM.bin": com, "EF_SOD.bin": sod };
  for (const [number, bytes] of groups) files[`DG${number}.bin`] = bytes;
  return { files, sod, dataGroups: groups, mrz, csca, dsc, crl, activeAuthentication, now };
}
