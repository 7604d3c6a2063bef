import { z } from "@hono/zod-openapi";

export const ReviewerView = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })
  .openapi("Reviewer");

export const ReviewerIdParam = z.object({
  reviewerId: z.string().regex(/^rvw_[0-9a-z]{26}$/, "must be a reviewer id (rvw_…)"),
});
