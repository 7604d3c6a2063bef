import { buildValidate } from "../otp/validate.ts";
import type { Scope } from "../scopes.ts";

export const build = (scope: Scope) => buildValidate(scope, "pennydrop");
