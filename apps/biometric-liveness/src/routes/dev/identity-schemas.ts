import { z } from "@hono/zod-openapi";

export const PartnerParam = z.object({
  partnerId: z
    .string()
    .regex(/^ptn_[0-9a-z]{26}$/, "must be a partner id")
    .openapi({ param: { name: "partnerId", in: "path" } }),
});

export const IdentityInput = z
  .strictObject({
    country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code"),
    idType: z.string().regex(/^[A-Z0-9_]{2,30}$/, "must be an id type such as NIN, BVN, NATIONAL_ID"),
    idNumber: z.string().regex(/^[A-Za-z0-9-]{4,30}$/, "must be 4-30 letters, digits or -"),
    firstName: z.string().min(1).max(100),
    lastName: z.string().min(1).max(100),
    middleName: z.string().max(100).nullish(),
    dob: z.iso.date().nullish(),
    gender: z.enum(["M", "F", "X"]).nullish(),
    photo: z.string().optional().openapi({ description: "JPEG/PNG as base64 or a data URL" }),
  })
  .openapi("SandboxIdentityInput");

export const Identity = z
  .object({
    id: z.string(),
    country: z.string(),
    idType: z.string(),
    idNumber: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    middleName: z.string().nullable(),
    dob: z.string().nullable(),
    gender: z.string().nullable(),
    hasPhoto: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("SandboxIdentity");
