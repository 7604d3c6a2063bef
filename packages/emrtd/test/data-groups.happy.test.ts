import { describe, expect, it } from "vitest";
import { imageFormat, parseDg2, parseDg11, parseDg12, parseIso19794Face, parseMrz } from "../src/index.ts";
import { application, applicationPrimitive, context, encode, int } from "../src/testing/der-builder.ts";
import { checkDigit, td1, td3 } from "../src/testing/index.ts";
import dg2Of39794 from "./corpus/dg2/dg2_39794.dat?bytes";
import iso19794 from "./corpus/dg2/iso19794_test1.bin?bytes";

const ascii = (text: string) => new TextEncoder().encode(text);

describe("DG2 face images", () => {
  it("ISO/IEC 39794-5 (7F2E): the JPEG 2000 image of the corpus comes out whole", () => {
    const [face, ...rest] = parseDg2(dg2Of39794);
    expect(rest).toEqual([]);
    expect(face).toMatchObject({ format: "jpeg2000", mimeType: "image/jp2", standard: "ISO/IEC 39794-5" });
    expect(face?.bytes.length).toBe(15_000);
    expect(imageFormat(face?.bytes as Uint8Array)).toBe("jpeg2000");
  });

  it("ISO/IEC 19794-5 (the corpus record): a JPEG with its declared size", () => {
    const [face] = parseIso19794Face(iso19794);
    expect(face).toMatchObject({
      format: "jpeg",
      mimeType: "image/jpeg",
      standard: "ISO/IEC 19794-5",
      width: 148,
      height: 70,
    });
    expect([...(face?.bytes.subarray(0, 3) ?? [])]).toEqual([0xff, 0xd8, 0xff]);
    expect(face?.bytes.at(-2)).toBe(0xff);
  });

  it("the 19794-5 record wrapped in DG2 (5F2E) parses the same", () => {
    const dg2 = encode(
      application(
        0x15,
        application(0x61, int(1), application(0x60, context(1), applicationPrimitive(0x2e, iso19794))),
      ),
    );
    expect(parseDg2(dg2)[0]?.bytes).toEqual(parseIso19794Face(iso19794)[0]?.bytes);
  });

  it("a record whose lengths lie is refused, naming it", () => {
    const broken = iso19794.slice();
    broken[14] = 0x7f; // facial record data length far beyond the record
    expect(() => parseIso19794Face(broken)).toThrow(
      /ISO\/IEC 19794-5 record: facial record 1 has an inconsistent length/,
    );
  });
});

describe("MRZ (DG1)", () => {
  const person = {
    issuingState: "D",
    nationality: "D",
    lastName: "MUSTERMANN",
    firstName: "ERIKA",
    documentNumber: "C01X00T47",
    birthDate: "640812",
    expirationDate: "270228",
    sex: "F" as const,
  };

  it("TD3, TD1 and TD2 parse with their check digits", () => {
    expect(parseMrz(td3(person))).toMatchObject({
      format: "TD3",
      issuingState: "D",
      lastName: "MUSTERMANN",
      checkDigitsValid: true,
    });
    expect(parseMrz(td1(person))).toMatchObject({
      format: "TD1",
      documentNumber: "C01X00T47",
      checkDigitsValid: true,
    });
    const td2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<D231458907UTO7408122F1204159<<<<<<<6";
    expect(parseMrz(td2)).toMatchObject({
      format: "TD2",
      issuingState: "UTO",
      documentNumber: "D23145890",
      sex: "female",
      checkDigitsValid: true,
    });
  });

  it("a wrong check digit is reported with the field", () => {
    const mrz = td3(person);
    const broken = `${mrz.slice(0, 44 + 9)}${(Number(mrz[44 + 9]) + 1) % 10}${mrz.slice(44 + 10)}`;
    const parsed = parseMrz(broken);
    expect(parsed.checkDigitsValid).toBe(false);
    expect(parsed.checkDigitErrors.join(" ")).toMatch(/document number/i);
  });

  it("check digits follow ICAO 9303-3 (7-3-1 weights)", () => {
    expect(checkDigit("L898902C3")).toBe("6");
    expect(checkDigit("740812")).toBe("2");
    expect(checkDigit("<<<<<<<<<<<<<<")).toBe("0");
  });

  it("lengths other than 90, 72 and 88 are refused", () => {
    expect(() => parseMrz("P<UTO")).toThrow(/MRZ of 5 characters/);
  });
});

/** A BER TLV with the tag written as ICAO does (5F0E, non-minimal), for DG11/DG12 vectors. */
function tlv(tag: number, value: Uint8Array): Uint8Array {
  const tagBytes = tag > 0xff ? [tag >> 8, tag & 0xff] : [tag];
  const length = value.length < 0x80 ? [value.length] : [0x81, value.length];
  return new Uint8Array([...tagBytes, ...length, ...value]);
}
const join = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));

describe("DG11 and DG12", () => {
  it("DG11: full name, other names, personal number, place of birth", () => {
    const dg11 = tlv(
      0x6b,
      join(
        tlv(0x5c, new Uint8Array([0x5f, 0x0e, 0x5f, 0x11])),
        tlv(0x5f0e, ascii("ERIKSSON<<ANNA<MARIA")),
        tlv(0xa0, join(tlv(0x02, new Uint8Array([1])), tlv(0x5f0f, ascii("ANNA<ERIKSSON")))),
        tlv(0x5f10, ascii("123456789")),
        tlv(0x5f2b, ascii("19740812")),
        tlv(0x5f11, ascii("ZENITH,UTOPIA")),
      ),
    );
    expect(parseDg11(dg11)).toMatchObject({
      fullName: "ERIKSSON ANNA MARIA",
      otherNames: ["ANNA ERIKSSON"],
      personalNumber: "123456789",
      fullDateOfBirth: "19740812",
      placeOfBirth: "ZENITH,UTOPIA",
    });
  });

  it("DG12: issuing authority and date of issue", () => {
    const dg12 = tlv(
      0x6c,
      join(
        tlv(0x5c, new Uint8Array([0x5f, 0x19])),
        tlv(0x5f19, ascii("UTOPIA PASSPORT OFFICE")),
        tlv(0x5f26, ascii("20240115")),
      ),
    );
    expect(parseDg12(dg12)).toMatchObject({
      issuingAuthority: "UTOPIA PASSPORT OFFICE",
      dateOfIssue: "20240115",
    });
  });
});
