import type { FaceComparison, LivenessCheck } from "../face/face-engine.ts";
import { type JobType, type MachineOutcome, machineCode, type ResultCode } from "./result-codes.ts";

/** Smile ID's Actions object: every key, "Not Applicable" unless the job did it. */
export type Actions = Record<(typeof ACTION_KEYS)[number], string>;
const ACTION_KEYS = [
  "Human_Review_Compare",
  "Human_Review_Liveness_Check",
  "Human_Review_Update_Selfie",
  "Liveness_Check",
  "Register_Selfie",
  "Return_Personal_Info",
  "Selfie_Provided",
  "Selfie_To_ID_Authority_Compare",
  "Selfie_To_ID_Card_Compare",
  "Selfie_To_Registered_Selfie_Compare",
  "Update_Registered_Selfie_On_File",
  "Verify_ID_Number",
] as const;

export function notApplicable(): Actions {
  return Object.fromEntries(ACTION_KEYS.map((key) => [key, "Not Applicable"])) as Actions;
}

/** Below this many points under the partner's liveness threshold a selfie is a suspected spoof, not a case for review. */
const LIVENESS_REVIEW_MARGIN = 20;

export interface JudgementInput {
  jobType: JobType;
  /** Liveness of the selfie (and liveness frames, worst of them). */
  liveness: LivenessCheck;
  /** Selfie against the reference (registered selfie, authority photo); null when there is none to compare. */
  comparison: FaceComparison | null;
  /** The authority answered a person without a photo (job 1): a human compares instead. */
  referenceMissing?: boolean;
  settings: { minConfidence: number; acceptMatchLevel: number; inconclusiveMatchLevel: number };
}

export interface Judgement {
  outcome: MachineOutcome;
  code: ResultCode;
  confidence: number;
  actions: Actions;
  /** Which checks a reviewer must look at when provisional. */
  review: { compare: boolean; liveness: boolean };
}

type Verdict = "Passed" | "Failed" | "Under Review";

function livenessVerdict(liveness: LivenessCheck, min: number): Verdict {
  if (liveness.confidence >= min) return "Passed";
  return liveness.confidence >= min - LIVENESS_REVIEW_MARGIN ? "Under Review" : "Failed";
}

function compareVerdict(comparison: FaceComparison, levels: JudgementInput["settings"]): Verdict {
  if (comparison.matchLevel >= levels.acceptMatchLevel) return "Passed";
  return comparison.matchLevel >= levels.inconclusiveMatchLevel ? "Under Review" : "Failed";
}

const COMPARE_ACTION: Record<JobType, keyof Actions> = {
  1: "Selfie_To_ID_Authority_Compare",
  2: "Selfie_To_Registered_Selfie_Compare",
  4: "Selfie_To_ID_Card_Compare",
};

/**
 * The machine judgement of a job from the engine's measurements and the partner's thresholds (the same
 * match levels as Assure, and `liveness.minConfidence`): any check failed → rejected; any check in the
 * grey zone → provisional, for a human; all passed → approved.
 */
export function judge(input: JudgementInput): Judgement {
  const actions = notApplicable();
  const { jobType, liveness, comparison, settings } = input;
  if (!liveness.faceFound) {
    actions.Selfie_Provided = "Failed";
    return {
      outcome: "no_face",
      code: machineCode(jobType, "no_face"),
      confidence: 0,
      actions,
      review: { compare: false, liveness: false },
    };
  }
  actions.Selfie_Provided = "Passed";
  const live = livenessVerdict(liveness, settings.minConfidence);
  actions.Liveness_Check = live;
  let compare: Verdict | null = null;
  if (comparison) {
    compare = comparison.referenceFaceFound ? compareVerdict(comparison, settings) : "Failed";
    actions[COMPARE_ACTION[jobType]] = jobType === 1 && compare === "Passed" ? "Completed" : compare;
  } else if (input.referenceMissing) {
    compare = "Under Review";
    actions[COMPARE_ACTION[jobType]] = "Under Review";
  }
  let outcome: MachineOutcome = "approved";
  if (live === "Failed") outcome = "spoof";
  else if (compare === "Failed") outcome = "no_match";
  else if (live === "Under Review" || compare === "Under Review") outcome = "provisional";
  const confidence = Math.round(comparison?.referenceFaceFound ? comparison.confidence : liveness.confidence);
  const review = { compare: compare === "Under Review", liveness: live === "Under Review" };
  if (review.compare) actions.Human_Review_Compare = "Under Review";
  if (review.liveness) actions.Human_Review_Liveness_Check = "Under Review";
  return { outcome, code: machineCode(jobType, outcome), confidence, actions, review };
}
