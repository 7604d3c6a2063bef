import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, EncryptionKeysSpec, EnvironmentName, parseEnv } from "../src/index.ts";

const KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

const Schema = z.object({
  ENVIRONMENT: EnvironmentName,
  ENCRYPTION_KEYS: EncryptionKeysSpec,
  ADMIN_TOKEN: z.string().min(16),
});

function configError(env: object): ConfigError {
  try {
    parseEnv(Schema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("parseEnv accepted a bad env");
}

describe("parseEnv", () => {
  it("names every missing variable", () => {
    expect(configError({}).message).toBe(
      "invalid Worker configuration: ENVIRONMENT is not set; ENCRYPTION_KEYS is not set; ADMIN_TOKEN is not set",
    );
  });

  it("names an invalid variable and never echoes its value", () => {
    const error = configError({
      ENVIRONMENT: "staging",
      ENCRYPTION_KEYS: `k1:${KEY}`,
      ADMIN_TOKEN: "short-secret",
    });
    expect(error.message).toMatch(/ENVIRONMENT: must be "development", "production" or "test"/);
    expect(error.message).toMatch(/ADMIN_TOKEN: /);
    expect(error.message).not.toContain("short-secret");
    expect(error.message).not.toContain("staging");
  });

  it("explains what is wrong with ENCRYPTION_KEYS without showing a key", () => {
    const base = { ENVIRONMENT: "test", ADMIN_TOKEN: "a-long-enough-admin-token" };
    const cases: [string, RegExp][] = [
      ["", /ENCRYPTION_KEYS must list at least one kid:base64key/],
      ["k1:c2hvcnQ=", /ENCRYPTION_KEYS key "k1" must be 32 bytes \(it is 5\)/],
      [`k1:${KEY},k1:${KEY}`, /ENCRYPTION_KEYS has the key id "k1" twice/],
      [KEY, /ENCRYPTION_KEYS entry 1 must look like kid:base64key/],
    ];
    for (const [spec, message] of cases) {
      const error = configError({ ...base, ENCRYPTION_KEYS: spec });
      expect(error.message, spec).toMatch(message);
      expect(error.message).not.toMatch(/ENCRYPTION_KEYS: ENCRYPTION_KEYS/);
      expect(error.message).not.toContain("AAECAwQF");
    }
  });

  it("returns the parsed env and caches it per env object", () => {
    const env = {
      ENVIRONMENT: "production",
      ENCRYPTION_KEYS: `k1:${KEY}`,
      ADMIN_TOKEN: "a-long-enough-token",
    };
    const first = parseEnv(Schema, env);
    expect(first).toStrictEqual(env);
    expect(parseEnv(Schema, env)).toBe(first);
    expect(parseEnv(Schema, { ...env })).not.toBe(first);
  });
});
