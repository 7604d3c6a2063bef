// MRZ text for fixtures (ICAO 9303-3/-4/-5), with correct check digits unless told otherwise.

export function checkDigit(text: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (const [i, ch] of [...text].entries()) {
    const value = ch === "<" ? 0 : /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * (weights[i % 3] as number);
  }
  return String(sum % 10);
}

const pad = (text: string, length: number) =>
  text
    .toUpperCase()
    .replace(/[^A-Z0-9<]/g, "<")
    .padEnd(length, "<")
    .slice(0, length);

export interface MrzPerson {
  issuingState: string; // MRZ code, e.g. "UTO", "D", "NLD"
  nationality: string;
  lastName: string;
  firstName: string;
  documentNumber: string;
  birthDate: string; // YYMMDD
  expirationDate: string; // YYMMDD
  sex: "M" | "F" | "<";
  personalNumber?: string;
}

export function td3(p: MrzPerson): string {
  const line1 = pad(
    `P<${pad(p.issuingState, 3)}${p.lastName.replace(/ /g, "<")}<<${p.firstName.replace(/ /g, "<")}`,
    44,
  );
  const doc = pad(p.documentNumber, 9);
  const personal = pad(p.personalNumber ?? "", 14);
  const personalCheck = p.personalNumber ? checkDigit(personal) : "<";
  const body = `${doc}${checkDigit(doc)}${pad(p.nationality, 3)}${p.birthDate}${checkDigit(p.birthDate)}${p.sex}${p.expirationDate}${checkDigit(p.expirationDate)}${personal}${personalCheck}`;
  const composite = `${body.slice(0, 10)}${body.slice(13, 20)}${body.slice(21, 43)}`;
  return line1 + body + checkDigit(composite);
}

export function td1(p: MrzPerson): string {
  const doc = pad(p.documentNumber, 9);
  const line1 = pad(`I<${pad(p.issuingState, 3)}${doc}${checkDigit(doc)}${p.personalNumber ?? ""}`, 30);
  const line2start = `${p.birthDate}${checkDigit(p.birthDate)}${p.sex}${p.expirationDate}${checkDigit(p.expirationDate)}${pad(p.nationality, 3)}`;
  const line2body = pad(line2start, 29);
  const composite = `${line1.slice(5, 30)}${line2body.slice(0, 7)}${line2body.slice(8, 15)}${line2body.slice(18, 29)}`;
  const line2 = line2body + checkDigit(composite);
  const line3 = pad(`${p.lastName.replace(/ /g, "<")}<<${p.firstName.replace(/ /g, "<")}`, 30);
  return line1 + line2 + line3;
}
