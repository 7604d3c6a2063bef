import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AuditBuffer, type AuditRow } from "../../src/audit/audit-buffer.ts";

function row(i: number, subjectId: string): AuditRow {
  return {
    id: `aud_bench_${subjectId}_${String(i).padStart(5, "0")}`,
    partnerId: "ptn_audit_buffer_test",
    mode: "test",
    subjectId,
    journeyId: "j",
    authId: "auth_1",
    method: "otp",
    action: "validate",
    status: "invalid",
    channel: null,
    destinationHint: null,
    detail: null,
    requestId: `req_${i}`,
    createdAt: 1_800_000_000_000 + i,
  };
}

async function countIn(subjectId: string): Promise<number> {
  const found = await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE subject_id = ?")
    .bind(subjectId)
    .first<{ n: number }>();
  return found?.n ?? 0;
}

describe("the audit buffer", () => {
  it("copies every waiting row for a reader, also more than one flush may copy (flushAll)", async () => {
    const subjectId = "sub_audit_flush_all";
    const stub = env.SUBJECTS.get(env.SUBJECTS.idFromName(subjectId));
    await runInDurableObject(stub, async (_instance, ctx) => {
      const buffer = new AuditBuffer(ctx.storage, env.DB);
      // 3000 rows: more than one flush's worth (4 batches of 700), as after a burst of validations.
      for (let i = 0; i < 3000; i++) buffer.add(row(i, subjectId));
      expect(await buffer.flush()).toBe("more");
      expect(await countIn(subjectId)).toBe(2800);
      for (let i = 3000; i < 3100; i++) buffer.add(row(i, subjectId));
      await buffer.flushAll();
      expect(await countIn(subjectId)).toBe(3100);
      expect(buffer.flushAt).toBeNull();
      expect([...ctx.storage.kv.list({ prefix: "audit/" })]).toHaveLength(0);
      // Nothing waiting: a no-op.
      await buffer.flushAll();
      expect(await countIn(subjectId)).toBe(3100);
    });
  });
});
