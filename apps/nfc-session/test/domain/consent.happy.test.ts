import { describe, expect, it } from "vitest";
import { checkDigit } from "../../src/domain/check-digit.ts";
import { consentMismatches, parseConsent, toMrzDate } from "../../src/domain/consent.ts";
import { TD1, TD3 } from "../support/mrz-specimens.ts";

describe("consent", () => {
  it("reads document number and dates from a TD3 MRZ, check digits included", () => {
    expect(parseConsent({ mrz: TD3 }, { allowManual: false })).toEqual({
      documentNumber: "L898902C3",
      dateOfBirth: "740812",
      dateOfExpiry: "120415",
      source: "mrz",
    });
  });

  it("reads a TD1 MRZ", () => {
    expect(parseConsent({ mrz: TD1 }, { allowManual: false })).toMatchObject({
      documentNumber: "D23145890",
      source: "mrz",
    });
  });

  it("accepts typed data with correct check digits when force_mrz_consent allows it", () => {
    const consent = parseConsent(
      {
        document_number: "l898902c3",
        date_of_birth: "1974-08-12",
        date_of_expiry: "120415",
        document_number_check_digit: "6",
        date_of_birth_check_digit: "2",
        date_of_expiry_check_digit: "9",
      },
      { allowManual: true },
    );
    expect(consent).toEqual({
      documentNumber: "L898902C3",
      dateOfBirth: "740812",
      dateOfExpiry: "120415",
      source: "manual",
    });
  });

  it("computes ICAO check digits (7-3-1 weights)", () => {
    expect(checkDigit("L898902C3")).toBe("6");
    expect(checkDigit("740812")).toBe("2");
    expect(checkDigit("D23145890")).toBe("7");
  });

  it("normalises dates and refuses impossible ones", () => {
    expect(toMrzDate("2030-02-28")).toBe("300228");
    expect(toMrzDate("300231")).toBeNull();
    expect(toMrzDate("2030-2-28")).toBeNull();
  });

  it("names each consented value the chip contradicts", () => {
    const consent = parseConsent({ mrz: TD3 }, { allowManual: false });
    expect(
      consentMismatches(consent, {
        documentNumber: "L898902C3",
        dateOfBirth: "740812",
        dateOfExpiry: "120415",
      }),
    ).toEqual([]);
    expect(
      consentMismatches(consent, {
        documentNumber: "L898902C4",
        dateOfBirth: "740812",
        dateOfExpiry: "120416",
      }),
    ).toEqual(["document number", "date of expiry"]);
  });
});
