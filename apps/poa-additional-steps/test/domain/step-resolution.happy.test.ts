import { AdditionalStep } from "@edgekyc/schemas";
import { describe, expect, it } from "vitest";
import { acceptedTypesText, detectStepFileType } from "../../src/domain/file-type.ts";
import {
  applicableSteps,
  needsScope,
  resolveSteps,
  StepResolutionError,
  stepText,
  utilityBillFlag,
} from "../../src/domain/step-resolution.ts";
import { JPEG, PNG, pdf } from "../support/files.ts";

const bill = AdditionalStep.parse({
  type: "UPLOAD",
  texts: { en: { name: "Bill", description: "d" }, lt: { name: "Sąskaita", description: "a" } },
});
const extra = AdditionalStep.parse({ type: "UPLOAD", texts: { en: { name: "Extra", description: "" } } });
const configured = { UTILITY_BILL: bill, ADDITIONAL_DOCUMENT: extra };

describe("resolveSteps", () => {
  it("defaults to the configured steps under ALL/ALL, and to null when none are configured", () => {
    expect(resolveSteps(configured, undefined)).toEqual({ ALL: { ALL: configured } });
    expect(resolveSteps({}, undefined)).toBeNull();
    expect(resolveSteps(configured, { ALL: { ALL: {} } })).toBeNull();
    expect(resolveSteps(configured, { ALL: { ALL: [] } })).toBeNull();
  });

  it("keeps a listed subset and scopes it", () => {
    expect(resolveSteps(configured, { LT: { PASSPORT: ["ADDITIONAL_DOCUMENT"] } })).toEqual({
      LT: { PASSPORT: { ADDITIONAL_DOCUMENT: extra } },
    });
  });

  it("refuses unknown steps, repeated names and settings beyond the configured ones", () => {
    expect(() => resolveSteps(configured, { ALL: { ALL: ["SELFIE"] } })).toThrow(StepResolutionError);
    expect(() => resolveSteps(configured, { ALL: { ALL: ["UTILITY_BILL", "UTILITY_BILL"] } })).toThrow(
      /repeat/,
    );
    const noPdf = { UTILITY_BILL: AdditionalStep.parse({ ...bill, settings: { canUploadPDF: false } }) };
    expect(() =>
      resolveSteps(noPdf, { ALL: { ALL: { UTILITY_BILL: { settings: { canUploadPDF: true } } } } }),
    ).toThrow(/canUploadPDF/);
    // Restricting is fine.
    expect(
      resolveSteps(configured, { ALL: { ALL: { UTILITY_BILL: { settings: { canCapture: false } } } } })?.ALL
        ?.ALL?.UTILITY_BILL?.settings,
    ).toEqual({
      canUpload: true,
      canCapture: false,
      canUploadPDF: true,
    });
  });

  it("picks the most specific scope, flags the default upload bill, and falls back for texts", () => {
    const compare = { type: "COMPARE" as const, fields: ["address"] };
    const steps = resolveSteps(configured, {
      ALL: { ALL: ["UTILITY_BILL"] },
      LT: { ALL: { UTILITY_BILL: compare } },
    });
    expect(needsScope(steps)).toEqual({ country: true, documentType: false });
    expect(applicableSteps(steps, { country: "LT", documentType: "ALL" }).UTILITY_BILL?.type).toBe("COMPARE");
    expect(applicableSteps(steps, { country: "LV", documentType: "ALL" }).UTILITY_BILL?.type).toBe("UPLOAD");
    expect(utilityBillFlag(steps)).toBe(true);
    expect(utilityBillFlag(resolveSteps(configured, { ALL: { ALL: { UTILITY_BILL: compare } } }))).toBeNull();
    expect(stepText(bill, "lt").name).toBe("Sąskaita");
    expect(stepText(bill, "ja").name).toBe("Bill");
  });
});

describe("detectStepFileType", () => {
  it("tells JPEG, PNG and PDF by their bytes and nothing else", () => {
    expect(detectStepFileType(JPEG)).toBe("image/jpeg");
    expect(detectStepFileType(PNG)).toBe("image/png");
    expect(detectStepFileType(pdf())).toBe("application/pdf");
    expect(detectStepFileType(pdf().slice(0, 60))).toBeNull();
    expect(detectStepFileType(new TextEncoder().encode("GIF89a......"))).toBeNull();
    expect(detectStepFileType(new Uint8Array(0))).toBeNull();
    expect(acceptedTypesText(false)).toMatch(/PDF is not allowed/);
  });
});
