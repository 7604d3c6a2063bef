import { env } from "cloudflare:workers";
import { count, like } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { beforeAll, describe, expect, it } from "vitest";
import { CoalescedWrites } from "../../src/db/coalesced-writes.ts";
import { countingD1 } from "../support/counting-d1.ts";
import { createProbeTable, probe } from "../support/probe-table.ts";

beforeAll(async () => {
  await createProbeTable();
});

const rows = async (prefix: string) =>
  (
    await env.DB.prepare("SELECT id, caller FROM coalesce_probe WHERE id LIKE ? ORDER BY caller, id")
      .bind(`${prefix}%`)
      .all<{ id: string; caller: number }>()
  ).results;

describe("CoalescedWrites", () => {
  it("runs the batches of one moment as few D1 batches, each caller getting its own results", async () => {
    const counter = { trips: 0 };
    const db = drizzle(countingD1(env.DB, counter));
    const writes = new CoalescedWrites(db, { maxCallers: 25 });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, caller) =>
        writes.batch([
          db.insert(probe).values({ id: `many-${caller}`, caller }),
          db.select({ seen: count() }).from(probe).where(like(probe.id, "many-%")),
        ]),
      ),
    );
    expect(counter.trips, "30 callers, 25 per D1 batch").toBe(2);
    results.forEach((result, caller) => {
      expect(result).toHaveLength(2);
      // Each caller's statements ran in order, after the callers handed in before it.
      expect(result[1]).toEqual([{ seen: caller + 1 }]);
    });
    expect((await rows("many-")).map((row) => row.caller)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it("runs a caller alone in a later window as its own batch", async () => {
    const counter = { trips: 0 };
    const db = drizzle(countingD1(env.DB, counter));
    const writes = new CoalescedWrites(db);
    await writes.batch([db.insert(probe).values({ id: "alone-1", caller: 1 })]);
    await writes.batch([db.insert(probe).values({ id: "alone-2", caller: 2 })]);
    expect(counter.trips).toBe(2);
    expect(await rows("alone-")).toEqual([
      { id: "alone-1", caller: 1 },
      { id: "alone-2", caller: 2 },
    ]);
  });
});
