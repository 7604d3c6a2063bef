// DG1: the MRZ (tag 5F1F inside 61), parsed with the `mrz` library; check digits validated.
import { parse } from "mrz";
import { childWithTag, primitiveBytes } from "../asn1.ts";
import { EmrtdError, parsing } from "../errors.ts";
import { decodeDataGroup } from "./data-group.ts";

export interface Dg1 {
  format: "TD1" | "TD2" | "TD3";
  /** The MRZ lines as stored on the chip. */
  lines: string[];
  documentCode: string;
  /** MRZ code of the issuing state (e.g. "NLD", "D"). */
  issuingState: string;
  nationality: string;
  lastName: string;
  firstName: string;
  documentNumber: string;
  /** YYMMDD as in the MRZ (the century is not encoded). */
  birthDate: string;
  expirationDate: string;
  sex: "male" | "female" | "unspecified";
  personalNumber?: string;
  optionalData?: string;
  /** Whether every check digit (document number, dates, optional/personal data, composite) holds. */
  checkDigitsValid: boolean;
  /** The fields whose check digit fails, with the library's message. */
  checkDigitErrors: string[];
}

const LINE_LENGTHS: Record<number, { format: Dg1["format"]; lines: number; width: number }> = {
  90: { format: "TD1", lines: 3, width: 30 },
  72: { format: "TD2", lines: 2, width: 36 },
  88: { format: "TD3", lines: 2, width: 44 },
};

/** Parses an MRZ string of 90 (TD1), 72 (TD2) or 88 (TD3) characters, line breaks ignored. */
export function parseMrz(text: string): Dg1 {
  const mrz = text.replace(/[\r\n]/g, "");
  const shape = LINE_LENGTHS[mrz.length];
  if (!shape)
    throw new EmrtdError(
      "unexpected_structure",
      `MRZ of ${mrz.length} characters (90 TD1, 72 TD2 or 88 TD3)`,
    );
  if (!/^[A-Z0-9<]+$/.test(mrz))
    throw new EmrtdError("unexpected_structure", "MRZ has characters outside A-Z, 0-9 and <");
  const lines = Array.from({ length: shape.lines }, (_, i) =>
    mrz.slice(i * shape.width, (i + 1) * shape.width),
  );
  const result = parsing("MRZ", () => parse(lines));
  if (result.format !== shape.format)
    throw new EmrtdError("unexpected_structure", `MRZ is not a valid ${shape.format}`);
  const fields = result.fields;
  const checkDigitErrors = result.details
    .filter((d) => !d.valid && /check ?digit/i.test(`${d.field ?? ""} ${d.error ?? ""}`))
    .map((d) => `${d.label}: ${d.error ?? "invalid"}`);
  // The library refuses codes it does not list (e.g. ICAO's specimen UTO): read those from their place.
  const line1 = lines[0] as string;
  const line2 = lines[1] as string;
  const issuingState = line1.slice(2, 5).replace(/</g, "");
  const nationality = (shape.format === "TD1" ? line2.slice(15, 18) : line2.slice(10, 13)).replace(/</g, "");
  const optional = fields.optional1 ?? fields.optional;
  return {
    format: shape.format,
    lines,
    documentCode: fields.documentCode ?? line1.slice(0, 2).replace(/</g, ""),
    issuingState,
    nationality,
    lastName: fields.lastName ?? "",
    firstName: fields.firstName ?? "",
    documentNumber: result.documentNumber ?? fields.documentNumber ?? "",
    birthDate:
      fields.birthDate ?? line2.slice(shape.format === "TD1" ? 0 : 13, shape.format === "TD1" ? 6 : 19),
    expirationDate: fields.expirationDate ?? "",
    sex: fields.sex === "male" || fields.sex === "female" ? fields.sex : "unspecified",
    personalNumber: fields.personalNumber || undefined,
    optionalData: [optional, fields.optional2].filter(Boolean).join(" ") || undefined,
    checkDigitsValid: checkDigitErrors.length === 0,
    checkDigitErrors,
  };
}

/** Parses the DG1 file (61 { 5F1F MRZ }). */
export function parseDg1(bytes: Uint8Array): Dg1 {
  const node = decodeDataGroup(1, bytes);
  const mrz = childWithTag(node, 0x5f1f);
  if (!mrz) throw new EmrtdError("unexpected_structure", "DG1: no MRZ (tag 5F1F)");
  return parseMrz(new TextDecoder("latin1").decode(primitiveBytes(mrz)));
}
