import { ID_PREFIXES, idParam } from "@edgekyc/platform";
import { z } from "@hono/zod-openapi";

export const ReviewItemSummary = z
  .object({
    id: z.string(),
    scanRef: z.string(),
    step: z.string(),
    type: z.enum(["COMPARE", "EXTRACT"]),
    state: z.enum(["PENDING", "CLAIMED", "DONE"]),
    claimedBy: z.string().nullable(),
    claimExpiresAt: z.string().nullable(),
    queuedAt: z.string(),
  })
  .openapi("ReviewItem");

export const ItemIdParam = idParam("itemId", ID_PREFIXES.reviewItem, "review item");
