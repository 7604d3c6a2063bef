import { ConfigError } from "@edgekyc/platform";
import type { FaceEngine } from "./face-engine.ts";

/** The face-engine Worker over its service binding (FACE_ENGINE). */
export function remoteFaceEngine(env: Env): FaceEngine {
  const binding = (env as { FACE_ENGINE?: unknown }).FACE_ENGINE;
  if (!binding) throw new ConfigError("the FACE_ENGINE service binding is missing");
  throw new ConfigError("the FACE_ENGINE service binding is not wired yet");
}
