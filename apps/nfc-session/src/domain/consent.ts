// Consent: the user proves possession of the document by giving its number, date of birth and date of
// expiry (the BAC/PACE key material), read from the MRZ or, when the session allows it
// (force_mrz_consent), typed in. Check digits are validated here; the chip's DG1 must later agree.
import { parse as parseMrz } from "mrz";
import { checkDigit } from "./check-digit.ts";
import { NfcError } from "./outcomes.ts";

export interface Consent {
  /** Upper case, without filler "<" (the full number for TD1 documents whose number overflows). */
  documentNumber: string;
  /** YYMMDD as in the MRZ. */
  dateOfBirth: string;
  /** YYMMDD as in the MRZ. */
  dateOfExpiry: string;
  source: "mrz" | "manual";
}

export type ConsentInput =
  | { mrz: string }
  | {
      document_number: string;
      date_of_birth: string;
      date_of_expiry: string;
      /** Check digits as printed in the MRZ; each one given is validated. */
      document_number_check_digit?: string | undefined;
      date_of_birth_check_digit?: string | undefined;
      date_of_expiry_check_digit?: string | undefined;
    };

const CHECKED_FIELDS = new Set([
  "documentNumber",
  "documentNumberCheckDigit",
  "birthDate",
  "birthDateCheckDigit",
  "expirationDate",
  "expirationDateCheckDigit",
  "compositeCheckDigit",
]);

const FIELD_LABELS: Record<string, string> = {
  documentNumber: "document number",
  documentNumberCheckDigit: "document number check digit",
  birthDate: "date of birth",
  birthDateCheckDigit: "date of birth check digit",
  expirationDate: "date of expiry",
  expirationDateCheckDigit: "date of expiry check digit",
  compositeCheckDigit: "composite check digit",
};

function fromMrz(text: string): Consent {
  let lines = text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.trim().toUpperCase());
  // Scanners often return the zone as one string: 88 (TD3), 72 (TD2) or 90 (TD1) characters.
  const single = lines.length === 1 ? (lines[0] as string) : "";
  const width = { 88: 44, 72: 36, 90: 30 }[single.length];
  if (width) lines = single.match(new RegExp(`.{${width}}`, "g")) ?? lines;
  let parsed: ReturnType<typeof parseMrz>;
  try {
    parsed = parseMrz(lines);
  } catch (error) {
    throw new NfcError("invalid_consent", `the MRZ could not be read (${(error as Error).message})`);
  }
  if (!["TD1", "TD2", "TD3"].includes(parsed.format)) {
    throw new NfcError("invalid_consent", `MRZ format ${parsed.format} is not an ICAO travel document`);
  }
  const wrong = parsed.details.filter((d) => d.field && CHECKED_FIELDS.has(d.field) && !d.valid);
  if (wrong.length > 0) {
    throw new NfcError(
      "invalid_consent",
      `wrong in the MRZ: ${wrong.map((d) => FIELD_LABELS[d.field as string]).join(", ")}`,
    );
  }
  const { birthDate, expirationDate } = parsed.fields;
  if (!parsed.documentNumber || !birthDate || !expirationDate) {
    throw new NfcError("invalid_consent", "the MRZ lacks the document number or a date");
  }
  return {
    documentNumber: normaliseDocumentNumber(parsed.documentNumber),
    dateOfBirth: birthDate,
    dateOfExpiry: expirationDate,
    source: "mrz",
  };
}

/** YYMMDD or YYYY-MM-DD to YYMMDD; null when not a real calendar date. */
export function toMrzDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const short = /^(\d{2})(\d{2})(\d{2})$/.exec(value);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : short
      ? [2000 + Number(short[1]), Number(short[2]), Number(short[3])]
      : [0, 0, 0];
  if (!year) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year % 100).padStart(2, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`;
}

export function normaliseDocumentNumber(value: string): string {
  return value.toUpperCase().replace(/[<\s]/g, "");
}

function fromFields(input: Exclude<ConsentInput, { mrz: string }>): Consent {
  const documentNumber = normaliseDocumentNumber(input.document_number);
  if (!/^[A-Z0-9]{1,22}$/.test(documentNumber)) {
    throw new NfcError("invalid_consent", "the document number must be 1 to 22 letters and digits");
  }
  const dateOfBirth = toMrzDate(input.date_of_birth);
  const dateOfExpiry = toMrzDate(input.date_of_expiry);
  if (!dateOfBirth)
    throw new NfcError("invalid_consent", "date_of_birth must be a date, YYMMDD or YYYY-MM-DD");
  if (!dateOfExpiry) {
    throw new NfcError("invalid_consent", "date_of_expiry must be a date, YYMMDD or YYYY-MM-DD");
  }
  // The MRZ's document number field is 9 characters, padded with "<"; its check digit covers that form.
  const numberField = documentNumber.length <= 9 ? documentNumber.padEnd(9, "<") : documentNumber;
  const checks: [string, string | undefined, string][] = [
    ["document number", input.document_number_check_digit, checkDigit(numberField)],
    ["date of birth", input.date_of_birth_check_digit, checkDigit(dateOfBirth)],
    ["date of expiry", input.date_of_expiry_check_digit, checkDigit(dateOfExpiry)],
  ];
  const wrong = checks.filter(([, given, expected]) => given !== undefined && given !== expected);
  if (wrong.length > 0) {
    throw new NfcError("invalid_consent", `wrong check digit for ${wrong.map(([name]) => name).join(", ")}`);
  }
  return { documentNumber, dateOfBirth, dateOfExpiry, source: "manual" };
}

/**
 * The consent of a session. Typed data is accepted only when the session has force_mrz_consent (the
 * vendor: otherwise "user will always be asked to scan the MRZ until consent-data read successfully").
 */
export function parseConsent(input: ConsentInput, options: { allowManual: boolean }): Consent {
  if ("mrz" in input) return fromMrz(input.mrz);
  if (!options.allowManual) {
    throw new NfcError(
      "invalid_consent",
      "this session takes consent from the scanned MRZ only (force_mrz_consent is false); send mrz",
    );
  }
  return fromFields(input);
}

/** Which consented values the chip's DG1 contradicts (empty when they agree). */
export function consentMismatches(
  consent: Consent,
  chip: { documentNumber: string; dateOfBirth: string; dateOfExpiry: string },
): string[] {
  const out: string[] = [];
  if (normaliseDocumentNumber(chip.documentNumber) !== consent.documentNumber) out.push("document number");
  if (chip.dateOfBirth !== consent.dateOfBirth) out.push("date of birth");
  if (chip.dateOfExpiry !== consent.dateOfExpiry) out.push("date of expiry");
  return out;
}
