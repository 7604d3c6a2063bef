import type { SubjectDetails } from "../subjects/subject-pii.ts";
import { phoneKind } from "../subjects/subject-pii.ts";

export type Destination =
  | { channel: "sms"; to: string; field: "mobileNumber" }
  | { channel: "voice"; to: string; field: "homeNumber" }
  | { channel: "email"; to: string; field: "email" };

export type DestinationResult =
  | { ok: true; destination: Destination; fromApplication: boolean }
  /** `invalidRequest`: the request is malformed; `invalid`: well-formed but cannot receive this channel. */
  | { ok: false; status: "invalidRequest" | "invalid"; field: string; message: string };

/**
 * Where the code goes: the one channel named in the request (a mobile gets an SMS, a home number a voice
 * call, an email address an email), or else what the application holds, mobile first, then home number,
 * then email. A "mobile" number that is a landline cannot take an SMS: `invalid`, try another.
 */
export function chooseDestination(
  request: { mobileNumber?: string | undefined; homeNumber?: string | undefined; email?: string | undefined },
  held: SubjectDetails,
): DestinationResult {
  const named = (["mobileNumber", "homeNumber", "email"] as const).filter(
    (field) => request[field] !== undefined,
  );
  if (named.length > 1) {
    return {
      ok: false,
      status: "invalidRequest",
      field: named[1] as string,
      message: `give one of mobileNumber, homeNumber and email, not ${named.join(" and ")}`,
    };
  }
  const source = named.length === 1 ? request : held;
  const fromApplication = named.length === 0;
  if (source.mobileNumber !== undefined && (named.length === 0 || named[0] === "mobileNumber")) {
    if (phoneKind(source.mobileNumber) === "landline") {
      return {
        ok: false,
        status: "invalid",
        field: "mobileNumber",
        message: "the number is a landline and cannot receive an SMS; send it as homeNumber for a voice call",
      };
    }
    return {
      ok: true,
      destination: { channel: "sms", to: source.mobileNumber, field: "mobileNumber" },
      fromApplication,
    };
  }
  if (source.homeNumber !== undefined && (named.length === 0 || named[0] === "homeNumber")) {
    return {
      ok: true,
      destination: { channel: "voice", to: source.homeNumber, field: "homeNumber" },
      fromApplication,
    };
  }
  if (source.email !== undefined) {
    return { ok: true, destination: { channel: "email", to: source.email, field: "email" }, fromApplication };
  }
  return {
    ok: false,
    status: "invalidRequest",
    field: "mobileNumber",
    message: "no mobileNumber, homeNumber or email in the request, and none is held on the record",
  };
}
