import { fromBase64, getDecrypted } from "@edgekyc/platform";
import { FaceEngineUnavailableError } from "@edgekyc/provider-clients";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { NfcError, unwrap } from "../../domain/outcomes.ts";
import { publishPayload } from "../../domain/result-publisher.ts";
import type { SessionRecord } from "../../domain/session-record.ts";
import { successPayload } from "../../domain/success-payload.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { msErrors, msOk, ok, withNfcErrors } from "../machinesense.ts";
import { APP_SECURITY, appSessionAuth, appSessionOf } from "./app-session.ts";
import { AppStatus, appStatus } from "./app-status.ts";

/** One image: base64 of a JPEG/PNG of at most ~600 KB. */
const Image = z
  .string()
  .min(100, "must be a base64 image")
  .max(800_000, "must be at most 600 KB (800,000 base64 characters)")
  .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, "must be base64");

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/app/selfie",
  tags: ["Reader app"],
  summary: "Send the selfie and the liveness frames",
  description:
    "After the chip was verified. `liveness_frames` holds exactly the session's num_images_liveness images, taken in the background. The chip portrait is compared with the selfie and the frames are scored for liveness; the result then goes to the partner by webhook and the app waits (status) for the partner's confirmation.",
  security: APP_SECURITY,
  middleware: [appSessionAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .strictObject({ selfie: Image, liveness_frames: z.array(Image).min(1).max(8) })
            .openapi("SelfieRequest"),
        },
      },
    },
  },
  responses: {
    200: {
      description: "Sent to the partner; next: wait.",
      content: { "application/json": { schema: msOk(AppStatus) } },
    },
    ...msErrors(401, 404, 409, 410, 413, 415, 422, 503),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const session = appSessionOf(c);
  const { services } = c.var;
  const body = c.req.valid("json");
  const stub = services.sessions.session(session.sessionId);
  const before = unwrap(await stub.appView(session.tokenHash));
  if (before.state === "chip_verified" && body.liveness_frames.length !== before.numImagesLiveness) {
    throw new NfcError(
      "invalid_selfie",
      `send exactly ${before.numImagesLiveness} liveness frame(s), got ${body.liveness_frames.length}`,
    );
  }
  const view = unwrap(await stub.beginSelfie(session.tokenHash)) as SessionRecord;
  const now = Date.now();
  let payload: Record<string, unknown>;
  try {
    const chip = view.chip;
    if (!chip?.portraitKey) throw new NfcError("out_of_order", "no verified chip portrait");
    const [portrait, dataBytes] = await Promise.all([
      getDecrypted(services.env.UPLOADS, services.cipher, chip.portraitKey),
      getDecrypted(services.env.UPLOADS, services.cipher, chip.dataKey),
    ]);
    if (!portrait || !dataBytes)
      throw new NfcError("session_expired", "the verified chip data is gone (erased)");
    const selfie = fromBase64(body.selfie);
    const comparer = await services.face(view);
    const face = await comparer.compare({
      portrait,
      selfie,
      frames: body.liveness_frames.map(fromBase64),
    });
    const { data } = JSON.parse(new TextDecoder().decode(dataBytes)) as { data: Record<string, unknown> };
    payload = successPayload({
      ref: view.ref,
      sendScan: view.sendScan,
      data,
      face,
      portrait,
      selfie,
      checks: chip.checks,
    });
  } catch (error) {
    // The selfie can be sent again (a new photo, or once the engine is back).
    await stub.abortSelfie();
    if (error instanceof NfcError) throw error;
    if (error instanceof FaceEngineUnavailableError)
      throw new NfcError("face_engine_unavailable", error.message);
    services.log.error("face comparison failed", { errorName: (error as Error)?.name ?? "unknown" });
    throw new NfcError("processing_failed", "face comparison is unavailable; send the selfie again");
  }
  const eventId = await publishPayload(services.env, view, payload, now);
  unwrap(await stub.resultSent({ result: "Ok", code: 0, message: "", eventId, sentAt: now }));
  return c.json(ok(await appStatus(services, unwrap(await stub.appView(session.tokenHash)))), 200);
});
