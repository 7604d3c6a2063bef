import { describe, expect, it } from "vitest";
import { passesModulusCheck } from "../../src/pennydrop/modulus-check.ts";

// The test cases published in Vocalink's "Validating account numbers" (UK modulus checking) specification,
// chapter 3, in its order: sort code, account number, whether it passes, and what the case exercises.
const VOCALINK_CASES: [string, string, boolean, string][] = [
  ["089999", "66374958", true, "pass modulus 10 check"],
  ["107999", "88837491", true, "pass modulus 11 check"],
  ["202959", "63748472", true, "pass UK modulus 11 and double alternate checks"],
  ["871427", "46238510", true, "exception 10 & 11, first check passes, second fails"],
  ["872427", "46238510", true, "exception 10 & 11, first check fails, second passes"],
  ["871427", "09123496", true, "exception 10 where ab = 09 and g = 9, both checks pass"],
  ["871427", "99123496", true, "exception 10 where ab = 99 and g = 9, both checks pass"],
  ["820000", "73688637", true, "exception 3, c is 6 so second check ignored"],
  ["827999", "73988638", true, "exception 3, c is 9 so second check ignored"],
  ["827101", "28748352", true, "exception 3, no exceptions apply to the second check"],
  ["134020", "63849203", true, "exception 4 where the remainder equals the checkdigit"],
  ["118765", "64371389", true, "exception 1: add 27 to the total"],
  [
    "200915",
    "41011166",
    true,
    "exception 6 where the account fails standard check but is a foreign currency account",
  ],
  ["938611", "07806039", true, "exception 5 where the first checkdigit is correct and the second is zero"],
  ["938600", "42368003", true, "exception 5 where the first checkdigit is correct, the second is 1"],
  ["938063", "55065200", true, "exception 5 where both checkdigits are correct"],
  ["772798", "99345694", true, "exception 7 where passes but would fail the standard check"],
  ["086090", "06774744", true, "exception 8 where the check passes"],
  ["309070", "02355688", true, "exception 2 & 9 where the first check passes"],
  [
    "309070",
    "12345668",
    true,
    "exception 2 & 9 where the first check fails and second passes with substitution",
  ],
  ["309070", "12345677", true, "exception 2 & 9 where a != 0 and g != 9 and passes"],
  ["309070", "99345694", true, "exception 2 & 9 where a != 0 and g = 9 and passes"],
  ["938063", "15764273", false, "exception 5 where the first checkdigit is wrong"],
  ["938063", "15764264", false, "exception 5 where the second checkdigit is wrong"],
  ["938063", "15763217", false, "exception 5 where the first checkdigit is incorrect with remainder 1"],
  ["118765", "64371388", false, "exception 1 where it fails double alternate check"],
  ["203099", "66831036", false, "pass modulus 11, fail double alternate"],
  ["203099", "58716970", false, "fail modulus 11, pass double alternate"],
  ["089999", "66374959", false, "fail modulus 10 check"],
  ["107999", "88837493", false, "fail modulus 11 check"],
  ["074456", "12345112", true, "exception 12/13 where passes modulus 11 (would fail modulus 10)"],
  ["070116", "34012583", true, "exception 12/13 where passes modulus 11 (would pass modulus 10)"],
  ["074456", "11104102", true, "exception 12/13 where fails modulus 11 but passes modulus 10"],
  ["180002", "00000190", true, "exception 14 where the first check fails and the second passes"],
];

describe("UK modulus check: Vocalink's published test cases", () => {
  it.each(VOCALINK_CASES)("%s %s → %s (%s)", (sortCode, accountNumber, expected) => {
    expect(passesModulusCheck(sortCode, accountNumber)).toBe(expected);
  });

  it("refuses malformed input instead of guessing", () => {
    for (const [sortCode, accountNumber] of [
      ["20091", "41011166"],
      ["200915", "4101116"],
      ["2009a5", "41011166"],
      ["200915", "410111660"],
      ["", ""],
    ] as const) {
      expect(passesModulusCheck(sortCode, accountNumber), `${sortCode} ${accountNumber}`).toBe(false);
    }
  });
});
