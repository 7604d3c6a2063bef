import { z } from "zod";
import { parseKeyRing } from "./crypto/cipher.ts";

export const EnvironmentName = z.enum(["development", "production", "test"], {
  error: 'ENVIRONMENT must be "development", "production" or "test"',
});

export const EncryptionKeysSpec = z.string().superRefine((spec, ctx) => {
  try {
    parseKeyRing(spec);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
  }
});

/** Thrown when a Worker's configuration is missing or wrong; the message names every variable at fault. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const cache = new WeakMap<object, Map<z.ZodType, unknown>>();

/**
 * Validates a Worker's env with a zod schema, once per isolate and env object. Messages name the
 * variable, never its value (it may be a secret).
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
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "(env)";
      return issue.code === "invalid_type" && issue.input === undefined
        ? `${name} is not set`
        : `${name}: ${issue.message}`;
    });
    throw new ConfigError(`invalid Worker configuration: ${problems.join("; ")}`);
  }
  perEnv.set(schema, result.data);
  return result.data;
}
