import { ApiError, idParam, type Principal } from "@edgekyc/platform";
import { z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { receipts } from "../../db/schema.ts";
import { RECEIPT_ID_PREFIX } from "../../issuing/issue.ts";
import type { ReceiptsEnv } from "../../receipts-env.ts";
import type { ReceiptsServices } from "../../services.ts";

type ReceiptRow = typeof receipts.$inferSelect;

export const ReceiptIdParam = idParam("receiptId", RECEIPT_ID_PREFIX, "receipt");

export const ReceiptMetadata = z
  .object({
    id: z.string(),
    capability: z.string(),
    subjectRef: z
      .string()
      .openapi({ description: "The capability's id of the verification (session, job, auth, token)." }),
    mode: z.enum(["test", "live"]),
    vct: z.string().openapi({ description: "The receipt's type (SD-JWT VC `vct`)." }),
    outcome: z.enum(["passed", "failed"]),
    sha256: z
      .string()
      .openapi({ description: "Lower-case hex SHA-256 of the issued SD-JWT (all disclosures)." }),
    status: z.enum(["valid", "revoked"]),
    revocationReason: z.enum(["erased", "withdrawn", "partner"]).nullable(),
    revokedAt: z.iso.datetime().nullable(),
    statusList: z.object({ idx: z.number().int(), uri: z.string() }),
    issuedAt: z.iso.datetime(),
    fetchedAt: z.iso.datetime().nullable(),
    availableUntil: z.iso.datetime(),
    retrievable: z
      .boolean()
      .openapi({ description: "Whether GET /receipts/v1/receipts/{id} still returns it." }),
  })
  .openapi("ReceiptMetadata");

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toMetadata(
  row: ReceiptRow,
  services: Pick<ReceiptsServices, "urls">,
): z.infer<typeof ReceiptMetadata> {
  return {
    id: row.id,
    capability: row.capability,
    subjectRef: row.subjectRef,
    mode: row.mode,
    vct: row.vct,
    outcome: row.outcome,
    sha256: row.sha256,
    status: row.status,
    revocationReason: row.revocationReason,
    revokedAt: iso(row.revokedAt),
    statusList: { idx: row.statusIdx, uri: services.urls.statusList(row.statusList) },
    issuedAt: iso(row.issuedAt) as string,
    fetchedAt: iso(row.fetchedAt),
    availableUntil: iso(row.availableUntil) as string,
    retrievable: row.storedKey !== null,
  };
}

/** The authenticated partner key of a partner-API route. */
export function partnerPrincipal(c: Context<ReceiptsEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new ApiError("unauthorized", "a partner API key is required");
  return principal;
}

/** The caller's receipt; another partner's (or another mode's) is indistinguishable from a missing one. */
export async function ownReceipt(c: Context<ReceiptsEnv>, receiptId: string): Promise<ReceiptRow> {
  const principal = partnerPrincipal(c);
  const [row] = await c.var.services.db
    .select()
    .from(receipts)
    .where(
      and(
        eq(receipts.id, receiptId),
        eq(receipts.partnerId, principal.partnerId),
        eq(receipts.mode, principal.mode),
      ),
    );
  if (!row) throw new ApiError("not_found", `receipt ${receiptId} was not found`);
  return row;
}
