import type { BatchItem } from "drizzle-orm/batch";
import type { DrizzleD1Database } from "drizzle-orm/d1";

type Statements = readonly BatchItem<"sqlite">[];

interface Waiting {
  statements: Statements;
  resolve: (results: unknown[]) => void;
  reject: (error: unknown) => void;
}

/** How long the first of a group waits for others (ms): the group's deliveries end within this of each other. */
const DEFAULT_WINDOW_MS = 2;
/**
 * Callers per D1 batch: a batch's request carries every bound value (payload ciphertexts included), so
 * groups stay far below D1's request limits; a queue batch of 100 results is recorded in 4 round trips.
 */
const DEFAULT_MAX_CALLERS = 25;

/**
 * Runs the D1 batches that callers hand in within a short window as one D1 batch (one round trip, one
 * transaction). Each caller gets the results of its own statements, exactly as `db.batch` would give
 * them: statements run in the order they were handed in, so the group means the same as the callers'
 * batches run one after another.
 *
 * One caller's failure stays its own: when a group's batch fails, nothing of it was written (a D1 batch
 * is a transaction), and every caller's statements are run again as a batch of their own.
 *
 * Make one per invocation (a request, a queue batch): its timer and D1 calls belong to that invocation.
 */
export class CoalescedWrites {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly db: DrizzleD1Database<Record<string, unknown>>,
    private readonly options: { windowMs?: number; maxCallers?: number } = {},
  ) {}

  /** `db.batch(statements)`, run together with the other callers of the same window. */
  batch(statements: Statements): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ statements, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setTimeout(() => {
        this.scheduled = false;
        const group = this.waiting;
        this.waiting = [];
        const size = this.options.maxCallers ?? DEFAULT_MAX_CALLERS;
        for (let i = 0; i < group.length; i += size) void this.run(group.slice(i, i + size));
      }, this.options.windowMs ?? DEFAULT_WINDOW_MS);
    });
  }

  private async run(group: Waiting[]): Promise<void> {
    if (group.length > 1) {
      let results: unknown[] | undefined;
      try {
        results = await this.runBatch(group.flatMap((caller) => caller.statements));
      } catch {
        // Rolled back whole: each caller's statements are tried on their own below.
      }
      if (results) {
        let offset = 0;
        for (const caller of group) {
          caller.resolve(results.slice(offset, offset + caller.statements.length));
          offset += caller.statements.length;
        }
        return;
      }
    }
    await Promise.all(
      group.map(async (caller) => {
        try {
          caller.resolve(await this.runBatch(caller.statements));
        } catch (error) {
          caller.reject(error);
        }
      }),
    );
  }

  private runBatch(statements: Statements): Promise<unknown[]> {
    return this.db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  }
}
