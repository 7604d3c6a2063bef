import { and, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import { receipts } from "../db/schema.ts";
import type { ReceiptsServices } from "../services.ts";

// D1 binds at most 100 parameters per statement (the id list of the update).
const BATCH = 90;

/**
 * Cron: deletes the stored copy of every receipt not fetched within the retention period. The row (hash,
 * status list entry, status) stays, so the receipt's status can still be published and revoked.
 */
export async function expireUnfetchedReceipts(
  services: Pick<ReceiptsServices, "db" | "uploads" | "now" | "log">,
): Promise<number> {
  let expired = 0;
  for (;;) {
    const due = await services.db
      .select({ id: receipts.id, storedKey: receipts.storedKey })
      .from(receipts)
      .where(
        and(
          isNotNull(receipts.storedKey),
          isNull(receipts.fetchedAt),
          lte(receipts.availableUntil, services.now()),
        ),
      )
      .limit(BATCH);
    if (due.length === 0) break;
    await services.uploads.delete(due.map((row) => row.storedKey as string));
    await services.db
      .update(receipts)
      .set({ storedKey: null })
      .where(
        inArray(
          receipts.id,
          due.map((row) => row.id),
        ),
      );
    expired += due.length;
    if (due.length < BATCH) break;
  }
  if (expired > 0) services.log.info("unfetched receipts expired", { count: expired });
  return expired;
}
