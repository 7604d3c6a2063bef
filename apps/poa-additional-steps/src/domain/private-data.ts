import type { Cipher } from "@edgekyc/platform";
import type { HolderPublicJwk } from "@edgekyc/schemas";
import type { AdditionalData } from "../wire/token.ts";

/** The personal data of a token request, kept encrypted (AAD: the scanRef) in verifications. */
export interface PrivateData {
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  dateOfExpiry: string | null;
  dateOfIssue: string | null;
  nationality: string | null;
  personalNumber: string | null;
  documentNumber: string | null;
  sex: string | null;
  address: string | null;
  successUrl: string | null;
  errorUrl: string | null;
  unverifiedUrl: string | null;
  callbackUrl: string | null;
  additionalData: AdditionalData | null;
  digitString: string | null;
  /** The end user's public JWK the verification receipt is bound to (`cnf`); absent in older rows. */
  holderKey?: HolderPublicJwk | null;
}

export const sealPrivate = (cipher: Cipher, scanRef: string, data: PrivateData) =>
  cipher.encryptJson(data, `poa:verification:${scanRef}`);

export const openPrivate = (cipher: Cipher, scanRef: string, sealed: string) =>
  cipher.decryptJson<PrivateData>(sealed, `poa:verification:${scanRef}`);
