// What a step file really is, decided from its bytes: the declared Content-Type or file name is never
// trusted (a renamed executable or HTML page must not be stored and later served as a "document").

export type StepFileType = "image/jpeg" | "image/png" | "application/pdf";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/** JPEG (SOI + a marker), PNG (signature + IHDR first) or PDF (%PDF-1.x/2.x header, %%EOF at the end). */
export function detectStepFileType(bytes: Uint8Array): StepFileType | null {
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return "image/jpeg";
  }
  if (
    bytes.length >= 16 &&
    PNG_SIGNATURE.every((b, i) => bytes[i] === b) &&
    ascii(bytes, 12, 16) === "IHDR"
  ) {
    return "image/png";
  }
  if (
    /^%PDF-[12]\.\d/.test(ascii(bytes, 0, 8)) &&
    ascii(bytes, bytes.length - 1024, bytes.length).includes("%%EOF")
  ) {
    return "application/pdf";
  }
  return null;
}

/** The refusal message for bytes that are no accepted type, naming what is accepted. */
export function acceptedTypesText(pdfAllowed: boolean): string {
  return pdfAllowed ? "a JPEG, PNG or PDF file" : "a JPEG or PNG image (PDF is not allowed for this step)";
}
