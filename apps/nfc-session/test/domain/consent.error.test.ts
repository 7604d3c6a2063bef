import { describe, expect, it } from "vitest";
import { parseConsent } from "../../src/domain/consent.ts";
import { NfcError } from "../../src/domain/outcomes.ts";
import { TD3 } from "../support/mrz-specimens.ts";

function refusal(run: () => unknown): NfcError {
  try {
    run();
  } catch (error) {
    if (error instanceof NfcError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("consent refusals", () => {
  it("refuses an MRZ whose document number check digit is wrong", () => {
    const error = refusal(() =>
      parseConsent({ mrz: TD3.replace("L898902C36", "L898902C35") }, { allowManual: false }),
    );
    expect(error.code).toBe(2010);
    expect(error.message).toContain("document number check digit");
  });

  it("refuses an MRZ whose date of birth was altered (check digit no longer holds)", () => {
    const error = refusal(() =>
      parseConsent({ mrz: TD3.replace("7408122", "7408132") }, { allowManual: false }),
    );
    expect(error.message).toContain("date of birth check digit");
  });

  it("refuses text that is not an MRZ", () => {
    expect(refusal(() => parseConsent({ mrz: "hello\nworld" }, { allowManual: false })).message).toContain(
      "MRZ could not be read",
    );
  });

  it("refuses typed data when the session requires the MRZ (force_mrz_consent false)", () => {
    const error = refusal(() =>
      parseConsent(
        { document_number: "L898902C3", date_of_birth: "740812", date_of_expiry: "120415" },
        { allowManual: false },
      ),
    );
    expect(error.message).toContain("force_mrz_consent is false");
  });

  it("refuses typed data with a wrong check digit, naming the field", () => {
    const error = refusal(() =>
      parseConsent(
        {
          document_number: "L898902C3",
          date_of_birth: "740812",
          date_of_expiry: "120415",
          date_of_expiry_check_digit: "1",
        },
        { allowManual: true },
      ),
    );
    expect(error.message).toContain("date of expiry");
  });

  it("refuses impossible dates and odd document numbers", () => {
    expect(
      refusal(() =>
        parseConsent(
          { document_number: "L8", date_of_birth: "741312", date_of_expiry: "120415" },
          { allowManual: true },
        ),
      ).message,
    ).toContain("date_of_birth");
    expect(
      refusal(() =>
        parseConsent(
          { document_number: "L8-9", date_of_birth: "740812", date_of_expiry: "120415" },
          { allowManual: true },
        ),
      ).message,
    ).toContain("document number");
  });
});
