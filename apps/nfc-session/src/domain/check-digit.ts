// ICAO 9303 part 3 §4.9 check digits: weights 7, 3, 1 over 0-9, A-Z (10-35) and "<" (0), modulo 10.

function charValue(char: string): number {
  if (char >= "0" && char <= "9") return char.charCodeAt(0) - 48;
  if (char >= "A" && char <= "Z") return char.charCodeAt(0) - 55;
  if (char === "<") return 0;
  throw new Error(`"${char}" cannot appear in an MRZ field`);
}

const WEIGHTS = [7, 3, 1] as const;

export function checkDigit(field: string): string {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += charValue(field[i] as string) * (WEIGHTS[i % 3] as number);
  return String(sum % 10);
}
