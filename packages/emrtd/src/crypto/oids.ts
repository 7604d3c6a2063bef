// Object identifiers used by ICAO 9303 documents, their certificates and CMS.

export type HashName = "SHA-1" | "SHA-224" | "SHA-256" | "SHA-384" | "SHA-512";

export const HASH_OIDS: Record<string, HashName> = {
  "1.3.14.3.2.26": "SHA-1",
  "2.16.840.1.101.3.4.2.4": "SHA-224",
  "2.16.840.1.101.3.4.2.1": "SHA-256",
  "2.16.840.1.101.3.4.2.2": "SHA-384",
  "2.16.840.1.101.3.4.2.3": "SHA-512",
};

export const HASH_OID_BY_NAME: Record<HashName, string> = Object.fromEntries(
  Object.entries(HASH_OIDS).map(([oid, name]) => [name, oid]),
) as Record<HashName, string>;

export const OID = {
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsassaPss: "1.2.840.113549.1.1.10",
  mgf1: "1.2.840.113549.1.1.8",
  ecPublicKey: "1.2.840.10045.2.1",
  primeField: "1.2.840.10045.1.1",
  signedData: "1.2.840.113549.1.7.2",
  data: "1.2.840.113549.1.7.1",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  ldsSecurityObject: "2.23.136.1.1.1",
  cscaMasterList: "2.23.136.1.1.2",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  countryName: "2.5.4.6",
  commonName: "2.5.4.3",
} as const;

/** eContentType values real SODs carry for the LDS security object (see the quirks notes, 9). */
export const LDS_CONTENT_TYPES = new Set([
  OID.ldsSecurityObject,
  "1.3.27.1.1.1",
  "1.2.528.1.1006.1.20.1",
  OID.data,
]);

/** RSA PKCS#1 v1.5 signature OIDs and their hash. */
export const RSA_PKCS1_OIDS: Record<string, HashName> = {
  "1.2.840.113549.1.1.5": "SHA-1",
  "1.2.840.113549.1.1.14": "SHA-224",
  "1.2.840.113549.1.1.11": "SHA-256",
  "1.2.840.113549.1.1.12": "SHA-384",
  "1.2.840.113549.1.1.13": "SHA-512",
};

/** ECDSA signature OIDs (X9.62, DER signatures) and their hash. */
export const ECDSA_OIDS: Record<string, HashName> = {
  "1.2.840.10045.4.1": "SHA-1",
  "1.2.840.10045.4.3.1": "SHA-224",
  "1.2.840.10045.4.3.2": "SHA-256",
  "1.2.840.10045.4.3.3": "SHA-384",
  "1.2.840.10045.4.3.4": "SHA-512",
};

/** BSI TR-03111 ecdsa-plain signatures: r‖s already raw. */
export const ECDSA_PLAIN_OIDS: Record<string, HashName> = {
  "0.4.0.127.0.7.1.1.4.1.1": "SHA-1",
  "0.4.0.127.0.7.1.1.4.1.2": "SHA-224",
  "0.4.0.127.0.7.1.1.4.1.3": "SHA-256",
  "0.4.0.127.0.7.1.1.4.1.4": "SHA-384",
  "0.4.0.127.0.7.1.1.4.1.5": "SHA-512",
};

export const CURVE_OIDS: Record<string, string> = {
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
  "1.3.36.3.3.2.8.1.1.1": "brainpoolP160r1",
  "1.3.36.3.3.2.8.1.1.3": "brainpoolP192r1",
  "1.3.36.3.3.2.8.1.1.5": "brainpoolP224r1",
  "1.3.36.3.3.2.8.1.1.7": "brainpoolP256r1",
  "1.3.36.3.3.2.8.1.1.9": "brainpoolP320r1",
  "1.3.36.3.3.2.8.1.1.11": "brainpoolP384r1",
  "1.3.36.3.3.2.8.1.1.13": "brainpoolP512r1",
};

export const CURVE_OID_BY_NAME: Record<string, string> = Object.fromEntries(
  Object.entries(CURVE_OIDS).map(([oid, name]) => [name, oid]),
);
