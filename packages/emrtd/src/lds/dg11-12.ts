// DG11 (additional personal details) and DG12 (additional document details), ICAO 9303-10 §4.7.11-12.
import { type AsnNode, children, primitiveBytes, tagNumber } from "../asn1.ts";
import { EmrtdError } from "../errors.ts";
import { decodeDataGroup } from "./data-group.ts";

export interface Dg11 {
  fullName?: string;
  otherNames?: string[];
  personalNumber?: string;
  /** YYYYMMDD (or as stored when partial). */
  fullDateOfBirth?: string;
  placeOfBirth?: string;
  permanentAddress?: string;
  telephone?: string;
  profession?: string;
  title?: string;
  personalSummary?: string;
  custodyInformation?: string;
}

export interface Dg12 {
  issuingAuthority?: string;
  /** YYYYMMDD */
  dateOfIssue?: string;
  namesOfOtherPersons?: string[];
  endorsementsAndObservations?: string;
  taxOrExitRequirements?: string;
  dateAndTimeOfPersonalization?: string;
  personalizationSystemSerialNumber?: string;
}

const utf8 = new TextDecoder("utf-8");

function text(node: AsnNode): string {
  return utf8.decode(primitiveBytes(node)).replace(/</g, " ").replace(/\s+/g, " ").trim();
}

function fields(node: AsnNode): Map<number, AsnNode[]> {
  const map = new Map<number, AsnNode[]>();
  for (const child of children(node)) {
    const tag = tagNumber(child);
    if (tag === 0x5c) continue; // the tag list
    map.set(tag, [...(map.get(tag) ?? []), child]);
  }
  return map;
}

function one(map: Map<number, AsnNode[]>, tag: number): string | undefined {
  const node = map.get(tag)?.[0];
  if (!node) return undefined;
  if (node.idBlock.isConstructed)
    throw new EmrtdError("unexpected_structure", `data element ${tag.toString(16)} is not primitive`);
  return text(node);
}

/** Names of other persons / other names come as A0 { 02 count, 5F0F name … }. */
function many(map: Map<number, AsnNode[]>, tag: number): string[] | undefined {
  const direct = (map.get(tag) ?? []).filter((n) => !n.idBlock.isConstructed).map(text);
  const nested = (map.get(0xa0) ?? []).flatMap((a) =>
    children(a)
      .filter((c) => tagNumber(c) === tag)
      .map(text),
  );
  const all = [...direct, ...nested];
  return all.length ? all : undefined;
}

export function parseDg11(bytes: Uint8Array): Dg11 {
  const map = fields(decodeDataGroup(11, bytes));
  return {
    fullName: one(map, 0x5f0e),
    otherNames: many(map, 0x5f0f),
    personalNumber: one(map, 0x5f10),
    fullDateOfBirth: one(map, 0x5f2b),
    placeOfBirth: one(map, 0x5f11),
    permanentAddress: one(map, 0x5f42),
    telephone: one(map, 0x5f12),
    profession: one(map, 0x5f13),
    title: one(map, 0x5f14),
    personalSummary: one(map, 0x5f15),
    custodyInformation: one(map, 0x5f18),
  };
}

export function parseDg12(bytes: Uint8Array): Dg12 {
  const map = fields(decodeDataGroup(12, bytes));
  return {
    issuingAuthority: one(map, 0x5f19),
    dateOfIssue: one(map, 0x5f26),
    namesOfOtherPersons: many(map, 0x5f1a),
    endorsementsAndObservations: one(map, 0x5f1b),
    taxOrExitRequirements: one(map, 0x5f1c),
    dateAndTimeOfPersonalization: one(map, 0x5f55),
    personalizationSystemSerialNumber: one(map, 0x5f56),
  };
}
