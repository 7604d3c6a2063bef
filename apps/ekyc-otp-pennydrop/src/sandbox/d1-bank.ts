import type { Cipher } from "@edgekyc/platform";
import type { SandboxBankAccount, SandboxBankPayment, SandboxBankStore } from "@edgekyc/provider-clients";
import { and, desc, eq } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { sandboxBankAccounts, sandboxBankPayments } from "../db/schema.ts";

const accountAad = (partnerId: string, sortCode: string, accountNumber: string) =>
  `ekyc.sandbox_bank_accounts.holder_name:${partnerId}:${sortCode}:${accountNumber}`;
const paymentAad = (partnerId: string, id: string, field: string) =>
  `ekyc.sandbox_bank_payments.${field}:${partnerId}:${id}`;

/** The sandbox bank's storage over this app's D1, scoped to one partner (the SandboxBankStore contract). */
export class D1SandboxBankStore implements SandboxBankStore {
  constructor(
    private readonly db: DrizzleD1Database<Record<string, unknown>>,
    private readonly cipher: Cipher,
    private readonly partnerId: string,
  ) {}

  async findAccount(sortCode: string, accountNumber: string): Promise<SandboxBankAccount | null> {
    const [row] = await this.db
      .select()
      .from(sandboxBankAccounts)
      .where(
        and(
          eq(sandboxBankAccounts.partnerId, this.partnerId),
          eq(sandboxBankAccounts.sortCode, sortCode),
          eq(sandboxBankAccounts.accountNumber, accountNumber),
        ),
      );
    if (!row) return null;
    return {
      sortCode,
      accountNumber,
      holderName: await this.cipher.decryptText(
        row.holderNameCiphertext,
        accountAad(this.partnerId, sortCode, accountNumber),
      ),
      createdAt: new Date(row.createdAt).toISOString(),
    };
  }

  async createAccount(account: SandboxBankAccount): Promise<SandboxBankAccount> {
    const holderNameCiphertext = await this.cipher.encryptText(
      account.holderName,
      accountAad(this.partnerId, account.sortCode, account.accountNumber),
    );
    await this.db
      .insert(sandboxBankAccounts)
      .values({
        partnerId: this.partnerId,
        sortCode: account.sortCode,
        accountNumber: account.accountNumber,
        holderNameCiphertext,
        createdAt: Date.parse(account.createdAt),
      })
      .onConflictDoUpdate({
        target: [
          sandboxBankAccounts.partnerId,
          sandboxBankAccounts.sortCode,
          sandboxBankAccounts.accountNumber,
        ],
        set: { holderNameCiphertext },
      });
    return { ...account };
  }

  async recordPayment(payment: SandboxBankPayment): Promise<SandboxBankPayment> {
    await this.db
      .insert(sandboxBankPayments)
      .values({
        id: payment.id,
        partnerId: this.partnerId,
        sortCode: payment.sortCode,
        accountNumber: payment.accountNumber,
        payeeNameCiphertext: await this.cipher.encryptText(
          payment.payeeName,
          paymentAad(this.partnerId, payment.id, "payee_name"),
        ),
        amountPence: payment.amountPence,
        referenceCiphertext: await this.cipher.encryptText(
          payment.reference,
          paymentAad(this.partnerId, payment.id, "reference"),
        ),
        idempotencyKey: payment.idempotencyKey,
        createdAt: Date.parse(payment.createdAt),
      })
      .onConflictDoNothing();
    const [row] = await this.db
      .select()
      .from(sandboxBankPayments)
      .where(
        and(
          eq(sandboxBankPayments.partnerId, this.partnerId),
          eq(sandboxBankPayments.idempotencyKey, payment.idempotencyKey),
        ),
      );
    if (!row) throw new Error("sandbox payment row missing after insert");
    return this.open(row);
  }

  async listPayments(query: {
    sortCode: string;
    accountNumber: string;
    limit: number;
  }): Promise<SandboxBankPayment[]> {
    const rows = await this.db
      .select()
      .from(sandboxBankPayments)
      .where(
        and(
          eq(sandboxBankPayments.partnerId, this.partnerId),
          eq(sandboxBankPayments.sortCode, query.sortCode),
          eq(sandboxBankPayments.accountNumber, query.accountNumber),
        ),
      )
      .orderBy(desc(sandboxBankPayments.seq))
      .limit(query.limit);
    return Promise.all(rows.map((row) => this.open(row)));
  }

  private async open(row: typeof sandboxBankPayments.$inferSelect): Promise<SandboxBankPayment> {
    return {
      id: row.id,
      sortCode: row.sortCode,
      accountNumber: row.accountNumber,
      payeeName: await this.cipher.decryptText(
        row.payeeNameCiphertext,
        paymentAad(this.partnerId, row.id, "payee_name"),
      ),
      amountPence: row.amountPence,
      reference: await this.cipher.decryptText(
        row.referenceCiphertext,
        paymentAad(this.partnerId, row.id, "reference"),
      ),
      idempotencyKey: row.idempotencyKey,
      createdAt: new Date(row.createdAt).toISOString(),
    };
  }
}
