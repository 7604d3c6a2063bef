import {
  AdditionalStep,
  AdditionalStepName,
  type AdditionalStepType,
  COUNTRY_ALPHA2,
  IdenfyDocumentType,
  IdenfyLocale,
} from "@edgekyc/schemas";
import { z } from "zod";

// iDenfy's additionalSteps object: country (alpha-2 or ALL) → document type (or ALL) → step name → step.
// A request may send, per scope, a full override object or a list of names; the account's configured
// steps are the default and the limit.

export type Step = AdditionalStep;
export type StepMap = Record<string, Step>;
export type ResolvedSteps = Record<string, Record<string, StepMap>>;
export interface StepScope {
  country: string;
  documentType: string;
}

export const ALL = "ALL";

const CountryKey = z.union([z.literal(ALL), z.enum(COUNTRY_ALPHA2)], {
  error: "must be ALL or an ISO 3166-1 alpha-2 country code",
});
const DocumentKey = z.union([z.literal(ALL), IdenfyDocumentType], {
  error: `must be ALL or one of ${IdenfyDocumentType.options.join(", ")}`,
});

/** What a request may change of a configured step; anything left out keeps the account's value. */
const StepOverride = z.strictObject({
  type: z.enum(["UPLOAD", "COMPARE", "EXTRACT"]).optional(),
  texts: z
    .partialRecord(
      IdenfyLocale,
      z.strictObject({ name: z.string().trim().min(1).max(200), description: z.string().trim().max(2000) }),
    )
    .optional(),
  fields: z.array(z.string()).max(20).optional(),
  settings: z
    .strictObject({ canUpload: z.boolean(), canCapture: z.boolean(), canUploadPDF: z.boolean() })
    .partial()
    .optional(),
});
type StepOverride = z.infer<typeof StepOverride>;

export const AdditionalStepsRequest = z.partialRecord(
  CountryKey,
  z.partialRecord(
    DocumentKey,
    z.union([z.array(AdditionalStepName).max(10), z.record(AdditionalStepName, StepOverride)]),
  ),
);
export type AdditionalStepsRequest = z.infer<typeof AdditionalStepsRequest>;

/** A request asked for something the account does not allow; `path` points into the request. */
export class StepResolutionError extends Error {
  override name = "StepResolutionError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

const FLAGS = ["canUpload", "canCapture", "canUploadPDF"] as const;

function overrideStep(configured: Step, override: StepOverride, path: string): Step {
  for (const flag of FLAGS) {
    if (override.settings?.[flag] === true && !configured.settings[flag]) {
      throw new StepResolutionError(
        `${path}.settings.${flag}`,
        "cannot be enabled: the step configured for this account does not allow it",
      );
    }
  }
  const merged = AdditionalStep.safeParse({
    type: override.type ?? configured.type,
    texts: { ...configured.texts, ...override.texts },
    fields: override.fields ?? configured.fields,
    settings: { ...configured.settings, ...override.settings },
  });
  if (!merged.success) {
    const issue = merged.error.issues[0];
    const at = [path, ...(issue?.path ?? []).map(String)].join(".");
    throw new StepResolutionError(at, issue?.message ?? "is not a valid step");
  }
  return merged.data;
}

/**
 * The token's additionalSteps: the account's steps under ALL/ALL when the request names none; null when
 * the request asks for none (`{"ALL":{"ALL":{}}}`); otherwise each scope's list or overrides, every name
 * being one the account has configured.
 */
export function resolveSteps(
  configured: StepMap,
  request: AdditionalStepsRequest | undefined,
): ResolvedSteps | null {
  if (request === undefined) {
    return Object.keys(configured).length === 0 ? null : { [ALL]: { [ALL]: structuredClone(configured) } };
  }
  const resolved: ResolvedSteps = {};
  let count = 0;
  for (const [country, byDocument] of Object.entries(request)) {
    for (const [documentType, entry] of Object.entries(byDocument)) {
      const path = `additionalSteps.${country}.${documentType}`;
      const steps: StepMap = {};
      const names = Array.isArray(entry) ? entry : Object.keys(entry);
      if (new Set(names).size !== names.length) throw new StepResolutionError(path, "must not repeat a step");
      for (const name of names) {
        const base = configured[name];
        if (!base) {
          throw new StepResolutionError(
            `${path}.${name}`,
            `step ${name} is not configured for this account (configured: ${Object.keys(configured).join(", ") || "none"})`,
          );
        }
        steps[name] = Array.isArray(entry)
          ? structuredClone(base)
          : overrideStep(base, (entry as Record<string, StepOverride>)[name] ?? {}, `${path}.${name}`);
      }
      if (names.length > 0) {
        resolved[country] = { ...resolved[country], [documentType]: steps };
        count += names.length;
      }
    }
  }
  return count === 0 ? null : resolved;
}

/** iDenfy's `utilityBill` flag: true when the token carries the default UTILITY_BILL upload step. */
export function utilityBillFlag(steps: ResolvedSteps | null): true | null {
  for (const byDocument of Object.values(steps ?? {})) {
    for (const map of Object.values(byDocument)) {
      if (map.UTILITY_BILL?.type === "UPLOAD") return true;
    }
  }
  return null;
}

/** Whether the steps depend on the user's country or document type (then the user must pick them). */
export function needsScope(steps: ResolvedSteps | null): { country: boolean; documentType: boolean } {
  const countries = Object.keys(steps ?? {});
  const documents = Object.values(steps ?? {}).flatMap((byDocument) => Object.keys(byDocument));
  return { country: countries.some((c) => c !== ALL), documentType: documents.some((d) => d !== ALL) };
}

/**
 * The steps that apply to a user in `scope`; a more specific scope wins for a step named twice
 * (ALL/ALL, then ALL/document, then country/ALL, then country/document).
 */
export function applicableSteps(steps: ResolvedSteps | null, scope: StepScope): StepMap {
  const out: StepMap = {};
  const layers: [string, string][] = [
    [ALL, ALL],
    [ALL, scope.documentType],
    [scope.country, ALL],
    [scope.country, scope.documentType],
  ];
  for (const [country, documentType] of layers) {
    Object.assign(out, steps?.[country]?.[documentType] ?? {});
  }
  return out;
}

/** Every step name that can apply in some scope (what additionalData and partner uploads may name). */
export function allStepNames(steps: ResolvedSteps | null): Map<string, AdditionalStepType> {
  const names = new Map<string, AdditionalStepType>();
  for (const byDocument of Object.values(steps ?? {})) {
    for (const map of Object.values(byDocument)) {
      for (const [name, step] of Object.entries(map)) names.set(name, step.type);
    }
  }
  return names;
}

/** A step's text in `locale`, else English, else the first one it has. */
export function stepText(step: Step, locale: string | null): { name: string; description: string } {
  const texts = step.texts as Record<string, { name: string; description: string } | undefined>;
  return (
    (locale ? texts[locale] : undefined) ??
    texts.en ??
    (Object.values(texts)[0] as { name: string; description: string })
  );
}
