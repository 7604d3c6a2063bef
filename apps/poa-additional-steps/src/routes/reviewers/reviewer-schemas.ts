import { ID_PREFIXES, idParam } from "@edgekyc/platform";
import { z } from "@hono/zod-openapi";

export const ReviewerView = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })
  .openapi("Reviewer");

export const ReviewerIdParam = idParam("reviewerId", ID_PREFIXES.reviewer, "reviewer");
