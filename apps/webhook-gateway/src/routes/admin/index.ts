import { OpenAPIHono } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../gateway-env.ts";
import * as deadLettersList from "./dead-letters/list.ts";
import * as keysList from "./keys/list.ts";
import * as keysRevoke from "./keys/revoke.ts";
import * as keysRotate from "./keys/rotate.ts";
import * as partnersCreate from "./partners/create.ts";
import * as partnersGet from "./partners/get.ts";
import * as partnersList from "./partners/list.ts";
import * as settingsGet from "./settings/get.ts";
import * as settingsPut from "./settings/put.ts";
import * as endpointsRotateSecret from "./webhook-endpoints/rotate-secret.ts";
import * as endpointsUpsert from "./webhook-endpoints/upsert.ts";

/**
 * The admin API (Bearer ADMIN_TOKEN, edgekyc dialect). Routes carry their full paths (`/admin/v1/…`):
 * mount with `app.route("/", adminRoutes)`. Validation failures go through the parent app's defaultHook.
 */
export const adminRoutes = new OpenAPIHono<GatewayEnv>()
  .openapi(partnersCreate.route, partnersCreate.handler)
  .openapi(partnersList.route, partnersList.handler)
  .openapi(partnersGet.route, partnersGet.handler)
  .openapi(keysList.route, keysList.handler)
  .openapi(keysRotate.route, keysRotate.handler)
  .openapi(keysRevoke.route, keysRevoke.handler)
  .openapi(settingsGet.route, settingsGet.handler)
  .openapi(settingsPut.route, settingsPut.handler)
  .openapi(endpointsUpsert.route, endpointsUpsert.handler)
  .openapi(endpointsRotateSecret.route, endpointsRotateSecret.handler)
  .openapi(deadLettersList.route, deadLettersList.handler);
