import { z } from "zod";
import { InvalidMessageError } from "../messaging/message-sender.ts";

export const SortCode = z.string().regex(/^\d{6}$/, "must be 6 digits, e.g. 200415");
/** UK account numbers are 8 digits (shorter ones are padded by the customer's bank's rules first). */
export const UkAccountNumber = z.string().regex(/^\d{8}$/, "must be 8 digits");
/** As the account holder's bank holds it; Pay.UK CoP allows up to 140 characters. */
export const AccountHolderName = z.string().trim().min(1).max(140);
export const AccountType = z.enum(["personal", "business"]);
export type AccountType = z.infer<typeof AccountType>;

/** A zod parse whose failure is an InvalidMessageError naming fields, never values (like messages). */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, root: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidMessageError(
    result.error.issues.map((issue) => ({ path: issue.path.join(".") || root, message: issue.message })),
  );
}
