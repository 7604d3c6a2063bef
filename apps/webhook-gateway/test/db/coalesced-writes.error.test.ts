import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { beforeAll, describe, expect, it } from "vitest";
import { CoalescedWrites } from "../../src/db/coalesced-writes.ts";
import { createProbeTable, probe } from "../support/probe-table.ts";

beforeAll(async () => {
  await createProbeTable();
  await env.DB.exec("INSERT INTO coalesce_probe (id, caller) VALUES ('taken', 0)");
});

describe("CoalescedWrites when a caller's statements fail", () => {
  it("fails that caller only: the others are written once, the failing caller not at all", async () => {
    const db = drizzle(env.DB);
    const writes = new CoalescedWrites(db);
    const insert = (id: string, caller: number) => db.insert(probe).values({ id, caller });
    const outcomes = await Promise.allSettled([
      writes.batch([insert("ok-1", 1), insert("ok-1b", 1)]),
      // Its first statement would succeed; the second breaks the primary key: neither may stay.
      writes.batch([insert("bad-2", 2), insert("taken", 2)]),
      writes.batch([insert("ok-3", 3)]),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    const { results } = await env.DB.prepare("SELECT id, caller FROM coalesce_probe ORDER BY id").all();
    expect(results).toEqual([
      { id: "ok-1", caller: 1 },
      { id: "ok-1b", caller: 1 },
      { id: "ok-3", caller: 3 },
      { id: "taken", caller: 0 },
    ]);
  });
});
