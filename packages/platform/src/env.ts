import { z } from "zod";
import { parseKeyRing } from "./crypto/cipher.ts";
import { ConfigError } from "./errors/config-error.ts";

/** The ENVIRONMENT variable every app has. */
export const EnvironmentName = z.enum(["development", "production", "test"], {
  error: 'must be "development", "production" or "test"',
});
export type EnvironmentName = z.infer<typeof EnvironmentName>;

/** ENCRYPTION_KEYS: at least one `kid:base64(32 bytes)`, comma-separated, unique key ids. */
export const EncryptionKeysSpec = z.string().superRefine((spec, ctx) => {
  try {
    parseKeyRing(spec);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
  }
});

/** Shorter admin tokens are refused as a configuration error rather than accepted. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;
/** TOKEN_SIGNING_KEY (HS256 access tokens) needs at least this many characters. */
export const MIN_TOKEN_SIGNING_KEY_LENGTH = 32;

/** ADMIN_TOKEN in an app's config schema. */
export const AdminToken = z
  .string()
  .min(MIN_ADMIN_TOKEN_LENGTH, `ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
/** TOKEN_SIGNING_KEY in an app's config schema. */
export const TokenSigningKey = z
  .string()
  .min(
    MIN_TOKEN_SIGNING_KEY_LENGTH,
    `TOKEN_SIGNING_KEY must be at least ${MIN_TOKEN_SIGNING_KEY_LENGTH} characters`,
  );

const cache = new WeakMap<object, Map<z.ZodType, unknown>>();

function describe(issue: z.core.$ZodIssue, env: object): string {
  const name = issue.path.map(String).join(".") || "(env)";
  const value =
    issue.path.length === 1 ? (env as Record<PropertyKey, unknown>)[issue.path[0] as PropertyKey] : 0;
  if (value === undefined) return `${name} is not set`;
  // Key ring messages already start with the variable's name.
  return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
}

/**
 * Validates a Worker's env with a zod schema, once per isolate and env object. Throws a `ConfigError`
 * whose message names every variable at fault, never its value (it may be a secret).
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: object): z.output<S> {
  let perEnv = cache.get(env);
  if (!perEnv) {
    perEnv = new Map();
    cache.set(env, perEnv);
  }
  if (perEnv.has(schema)) return perEnv.get(schema) as z.output<S>;
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => describe(issue, env));
    throw new ConfigError(`invalid Worker configuration: ${problems.join("; ")}`);
  }
  perEnv.set(schema, result.data);
  return result.data;
}
