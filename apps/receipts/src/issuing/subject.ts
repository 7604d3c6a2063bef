import { and, eq } from "drizzle-orm";
import { receipts } from "../db/schema.ts";

/** The receipts rows of one subject: a partner's capability result about one subjectRef. */
export function receiptsOfSubject(subject: { partnerId: string; capability: string; subjectRef: string }) {
  return and(
    eq(receipts.partnerId, subject.partnerId),
    eq(receipts.capability, subject.capability),
    eq(receipts.subjectRef, subject.subjectRef),
  );
}
