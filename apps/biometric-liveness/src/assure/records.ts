import { ApiError, deletePrefix, type Principal } from "@edgekyc/platform";
import type { HolderPublicJwk } from "@edgekyc/schemas";
import { and, eq, inArray } from "drizzle-orm";
import { dossiers, images, processes } from "../db/schema.ts";
import { CAPABILITY } from "../images/image-store.ts";
import { revokeRequest } from "../receipts/receipt-claims.ts";
import type { Services } from "../services.ts";
import type { FacetecResult } from "./decide.ts";

export type ProcessRow = typeof processes.$inferSelect;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function dossierView(row: typeof dossiers.$inferSelect) {
  return { dossierId: row.id, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) };
}

/** GET process: the seed's object; providerSpecific and finalResult once the process is finished. */
export function processView(row: ProcessRow) {
  const result = row.resultJson ? (JSON.parse(row.resultJson) as Omit<FacetecResult, "status">) : null;
  return {
    processId: row.id,
    provider: row.provider,
    status: row.status,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    ...(result ? { providerSpecific: result.providerSpecific, finalResult: result.finalResult } : {}),
  };
}

export async function createDossier(services: Services, principal: Principal) {
  const now = services.now();
  const row = {
    id: crypto.randomUUID(),
    partnerId: principal.partnerId,
    mode: principal.mode,
    createdAt: now,
    updatedAt: now,
  };
  await services.db.insert(dossiers).values(row);
  return row;
}

/** The partner's dossier; another partner's is answered exactly like one that does not exist. */
export async function findDossier(services: Services, principal: Principal, dossierId: string) {
  const [row] = await services.db
    .select()
    .from(dossiers)
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.partnerId, principal.partnerId)));
  if (!row) throw new ApiError("not_found", `dossier ${dossierId} not found`);
  return row;
}

export async function listProcesses(services: Services, dossierId: string): Promise<ProcessRow[]> {
  return services.db
    .select()
    .from(processes)
    .where(eq(processes.dossierId, dossierId))
    .orderBy(processes.createdAt);
}

export async function findProcess(
  services: Services,
  principal: Principal,
  dossierId: string,
  processId: string,
) {
  await findDossier(services, principal, dossierId);
  const [row] = await services.db
    .select()
    .from(processes)
    .where(
      and(
        eq(processes.id, processId),
        eq(processes.dossierId, dossierId),
        eq(processes.partnerId, principal.partnerId),
      ),
    );
  if (!row) throw new ApiError("not_found", `process ${processId} not found in dossier ${dossierId}`);
  return row;
}

/**
 * Erases a dossier: every image (one R2 prefix), every image record, process and the dossier itself, in
 * one D1 batch after the objects are gone (a failure part-way leaves records that a retry erases).
 */
export async function eraseDossier(
  services: Services,
  principal: Principal,
  dossierId: string,
): Promise<void> {
  await findDossier(services, principal, dossierId);
  await deletePrefix(services.uploads, `partners/${principal.partnerId}/${CAPABILITY}/${dossierId}/`);
  const ids = (await listProcesses(services, dossierId)).map((p) => p.id);
  // Receipts of the processes are revoked before the records go: a retry after that finds no dossier.
  for (const id of ids) await services.receipt(() => revokeRequest(principal.partnerId, id));
  const { db } = services;
  await db.batch([
    db.delete(images).where(ids.length ? inArray(images.ownerId, ids) : eq(images.ownerId, "")),
    db.delete(processes).where(eq(processes.dossierId, dossierId)),
    db.delete(dossiers).where(and(eq(dossiers.id, dossierId), eq(dossiers.partnerId, principal.partnerId))),
  ]);
}

export async function createProcess(
  services: Services,
  principal: Principal,
  dossierId: string,
  holderKey: HolderPublicJwk | null = null,
) {
  await findDossier(services, principal, dossierId);
  const now = services.now();
  const row: ProcessRow = {
    id: crypto.randomUUID(),
    dossierId,
    partnerId: principal.partnerId,
    mode: principal.mode,
    provider: "facetec",
    status: "pending",
    faceScanHash: null,
    enrolledAt: null,
    replayDetected: false,
    resultJson: null,
    holderKey,
    createdAt: now,
    updatedAt: now,
  };
  await services.db.insert(processes).values(row);
  await services.db.update(dossiers).set({ updatedAt: now }).where(eq(dossiers.id, dossierId));
  return row;
}
