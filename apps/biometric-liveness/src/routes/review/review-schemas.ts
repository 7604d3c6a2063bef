import { z } from "@hono/zod-openapi";

export const JobIdParam = z.object({
  smileJobId: z
    .string()
    .regex(/^[0-9]{10}$/, "must be a 10-digit SmileJobID")
    .openapi({ param: { name: "smileJobId", in: "path" } }),
});

export const Review = z
  .object({
    smileJobId: z.string(),
    status: z.enum(["pending", "passed", "failed"]),
    checks: z
      .array(z.string())
      .openapi({ description: "What the machine could not decide: compare, liveness." }),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    result: z.record(z.string(), z.unknown()).nullable().optional(),
    images: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("Review");

export const Decision = z.strictObject({ decision: z.enum(["pass", "fail"]) }).openapi("ReviewDecision");

export const ReviewerKey = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    label: z.string(),
    key: z.string(),
    createdAt: z.string(),
  })
  .openapi("ReviewerKey");
