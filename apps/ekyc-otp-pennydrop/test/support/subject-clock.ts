import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { subjectName } from "../../src/durable/ekyc-subject.ts";
import type { SubjectState } from "../../src/limits/subject-state.ts";
import type { TestPartner } from "./harness.ts";

export function subjectStub(
  partner: TestPartner,
  externalId: string,
  kind: "application" | "account" = "application",
) {
  return env.SUBJECTS.get(
    env.SUBJECTS.idFromName(subjectName({ partnerId: partner.id, mode: partner.mode, kind, externalId })),
  );
}

/** The stored state of a subject, as its SQLite storage holds it. */
export async function storedState(partner: TestPartner, externalId: string): Promise<SubjectState> {
  return runInDurableObject(
    subjectStub(partner, externalId),
    async (_instance, ctx) => ctx.storage.kv.get("state") as SubjectState,
  );
}

/**
 * Moves a subject `ms` into the future without sleeping: every timestamp it holds is shifted back by `ms`
 * (what the object would see had that much time passed), and the alarm is due at once.
 */
export async function advance(partner: TestPartner, externalId: string, ms: number): Promise<void> {
  await runInDurableObject(subjectStub(partner, externalId), async (instance, ctx) => {
    const object = instance as unknown as { state: SubjectState; alarmAt: number | null | undefined };
    const state = object.state;
    object.alarmAt = undefined;
    const shift = (at: number | null) => (at === null ? null : at - ms);
    for (const method of Object.values(state.methods)) {
      method.windowEndsAt = shift(method.windowEndsAt);
      method.lockedUntil = shift(method.lockedUntil);
      for (const session of method.sessions) {
        session.createdAt -= ms;
        session.expiresAt -= ms;
      }
    }
    ctx.storage.kv.put("state", state);
    const alarm = await ctx.storage.getAlarm();
    if (alarm !== null) await ctx.storage.setAlarm(Math.max(Date.now(), alarm - ms));
  });
}
