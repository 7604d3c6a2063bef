import { newApp } from "@edgekyc/platform";
import type { FaceEngineEnv } from "./env.ts";
import * as devAnalyse from "./routes/dev-analyse.ts";
import * as devCompare from "./routes/dev-compare.ts";
import * as devLiveness from "./routes/dev-liveness.ts";

/** Only the development routes take bodies: two or up to eight base64 images. */
const MAX_BODY_BYTES = 40 * 1024 * 1024;

export const app = newApp<FaceEngineEnv>({
  name: "face-engine",
  title: "EdgeKYC face engine (internal)",
  version: "1.0.0",
  description:
    "Face detection, identity embeddings and passive liveness in the Workers runtime. Other Workers call it over a service binding (`FaceEngine` entrypoint: verify, compare, liveness, info); the HTTP routes below exist only with `ENVIRONMENT=development`, for local experiments, calibration and the benchmark.",
  dialect: "edgekyc",
  maxBodyBytes: MAX_BODY_BYTES,
});

app
  .openapi(devCompare.route, devCompare.handler)
  .openapi(devLiveness.route, devLiveness.handler)
  .openapi(devAnalyse.route, devAnalyse.handler);
