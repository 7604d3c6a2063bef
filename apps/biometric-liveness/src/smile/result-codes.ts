/**
 * The Smile ID ResultCodes this platform answers, following Smile ID's numbering: 08x0 a machine
 * judgement, 12x0 a human one (x = 1 Biometric KYC, 2 SmartSelfie authentication, 4 registration);
 * 10xx the ID authority's answers. The README holds the same table.
 */
export const RESULT_CODES = {
  // Job 1: Biometric KYC
  "0810": "Enroll User",
  "0811": "Failed Enroll - No Face Found In Selfie",
  "0812": "Provisional Enroll - Under Review",
  "0813": "Failed Enroll - Selfie Does Not Match ID Authority Photo",
  "0814": "Failed Enroll - Suspected Spoof",
  "1210": "Enroll User",
  "1211": "Failed Enroll - Human Review Rejected",
  "1013": "Failed Enroll - ID Number Not Found",
  "1014": "Failed Enroll - Unsupported ID Type",
  "1015": "Failed Enroll - ID Authority Unavailable",
  // Job 2: SmartSelfie authentication
  "0820": "Authenticate User",
  "0821": "Failed Authentication - Images Did Not Match",
  "0822": "Provisional Authenticate - Under Review",
  "0824": "Failed Authentication - Suspected Spoof",
  "0825": "Failed Authentication - No Face Found In Selfie",
  "0826": "Failed Authentication - User Not Enrolled",
  "1220": "Authenticate User",
  "1221": "Failed Authentication - Human Review Rejected",
  // Job 4: SmartSelfie registration
  "0840": "Enroll User",
  "0841": "Failed Enroll - No Face Found In Selfie",
  "0842": "Provisional Enroll - Under Review",
  "0844": "Failed Enroll - Suspected Spoof",
  "0845": "Failed Enroll - User Already Enrolled",
  "1240": "Enroll User",
  "1241": "Failed Enroll - Human Review Rejected",
} as const;
export type ResultCode = keyof typeof RESULT_CODES;

export type JobType = 1 | 2 | 4;

/** The digit of each job type in the codes above. */
const DIGIT: Record<JobType, string> = { 1: "1", 2: "2", 4: "4" };

export type MachineOutcome = "approved" | "no_face" | "provisional" | "no_match" | "spoof";

const MACHINE_SUFFIX: Record<MachineOutcome, string> = {
  approved: "0",
  no_face: "1",
  provisional: "2",
  no_match: "3",
  spoof: "4",
};

/** The code of a machine judgement; job 2's own numbering differs for no face / no match. */
export function machineCode(jobType: JobType, outcome: MachineOutcome): ResultCode {
  if (jobType === 2 && outcome === "no_face") return "0825";
  if (jobType === 2 && outcome === "no_match") return "0821";
  return `08${DIGIT[jobType]}${MACHINE_SUFFIX[outcome]}` as ResultCode;
}

export function humanCode(jobType: JobType, passed: boolean): ResultCode {
  return `12${DIGIT[jobType]}${passed ? "0" : "1"}` as ResultCode;
}

/** Codes that end a job approved (a user is registered / authenticated). */
export const APPROVED_CODES: ReadonlySet<string> = new Set(["0810", "1210", "0820", "1220", "0840", "1240"]);
