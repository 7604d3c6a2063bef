import { z } from "zod";

/** Smile ID image_type_id: 0/2 selfie, 1/3 ID card front, 4/6 liveness frame, 5/7 ID card back (even = file, odd… see below). */
export const IMAGE_KINDS: Record<
  number,
  { name: "selfie" | "id_card" | "liveness" | "id_card_back"; base64: boolean }
> = {
  0: { name: "selfie", base64: false },
  1: { name: "id_card", base64: false },
  2: { name: "selfie", base64: true },
  3: { name: "id_card", base64: true },
  4: { name: "liveness", base64: false },
  5: { name: "id_card_back", base64: false },
  6: { name: "liveness", base64: true },
  7: { name: "id_card_back", base64: true },
};

export const IdInfo = z
  .object({
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code")
      .optional(),
    id_type: z.string().min(1).max(50).optional(),
    id_number: z.string().min(1).max(50).optional(),
    first_name: z.string().max(100).optional(),
    last_name: z.string().max(100).optional(),
    middle_name: z.string().max(100).optional(),
    dob: z.string().max(10).optional(),
    entered: z.union([z.string(), z.boolean()]).optional(),
  })
  .loose();
export type IdInfo = z.infer<typeof IdInfo>;

/** The zip's info.json as the SDK writes it; only what processing needs is required. */
export const InfoJson = z
  .object({
    package_information: z.unknown().optional(),
    misc_information: z.unknown().optional(),
    id_info: IdInfo.nullish(),
    images: z
      .array(
        z
          .object({
            image_type_id: z.coerce.number().int().min(0).max(7),
            image: z.string().max(12_000_000).optional().default(""),
            file_name: z.string().max(200).optional().default(""),
          })
          .loose(),
      )
      .min(1, "must list at least the selfie")
      .max(32),
  })
  .loose();
export type InfoJson = z.infer<typeof InfoJson>;
