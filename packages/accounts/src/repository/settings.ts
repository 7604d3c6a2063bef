import {
  type Capability,
  type CapabilitySettingsOf,
  defaultCapabilitySettings,
  parseCapabilitySettings,
  type SettingsIssue,
} from "@edgekyc/schemas";
import { and, eq } from "drizzle-orm";
import { partnerSettings } from "../schema.ts";
import type { AccountsDb } from "./accounts-db.ts";

export type SettingsWriteResult<C extends Capability> =
  | { ok: true; settings: CapabilitySettingsOf<C> }
  | { ok: false; issues: SettingsIssue[] };

/** A partner's settings per capability (validated by `@edgekyc/schemas`). */
export class SettingsRepository {
  constructor(
    private readonly db: AccountsDb,
    private readonly now: () => number,
  ) {}

  /** The partner's settings for a capability, defaults filled in (all defaults when never set). */
  async get<C extends Capability>(partnerId: string, capability: C): Promise<CapabilitySettingsOf<C>> {
    const [row] = await this.db
      .select({ settings: partnerSettings.settings })
      .from(partnerSettings)
      .where(and(eq(partnerSettings.partnerId, partnerId), eq(partnerSettings.capability, capability)));
    if (!row) return defaultCapabilitySettings(capability);
    const parsed = parseCapabilitySettings(capability, row.settings);
    if (!parsed.success) {
      // Fail loudly: silently falling back to defaults could loosen a partner's checks.
      const fields = parsed.issues.map((issue) => issue.path).join(", ");
      throw new Error(
        `stored ${capability} settings of partner ${partnerId} no longer validate (${fields}); store them again`,
      );
    }
    return parsed.data;
  }

  /**
   * Replaces the partner's settings for a capability. Only what the partner sent is stored (validated),
   * so fields left out follow the defaults of the deployed version.
   */
  async put<C extends Capability>(
    partnerId: string,
    capability: C,
    input: unknown,
  ): Promise<SettingsWriteResult<C>> {
    const parsed = parseCapabilitySettings(capability, input);
    if (!parsed.success) return { ok: false, issues: parsed.issues };
    const settings = input as Record<string, unknown>;
    const updatedAt = this.now();
    await this.db
      .insert(partnerSettings)
      .values({ partnerId, capability, settings, updatedAt })
      .onConflictDoUpdate({
        target: [partnerSettings.partnerId, partnerSettings.capability],
        set: { settings, updatedAt },
      });
    return { ok: true, settings: parsed.data };
  }
}
