import type { AppEnv } from "@edgekyc/platform";

export type FaceEngineEnv = AppEnv & { Bindings: Env };
