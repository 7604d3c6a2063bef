import { ProviderError } from "../http/provider-error.ts";
import {
  type ConfirmationOfPayee,
  compareAccountNames,
  type PayeeCheck,
  type PayeeCheckResult,
  PayeeCheck as PayeeCheckSchema,
} from "./confirmation-of-payee.ts";
import {
  type FasterPayment,
  FasterPayment as FasterPaymentSchema,
  type FasterPaymentsSender,
  type SentPayment,
} from "./faster-payments.ts";
import { parseOrThrow } from "./uk-bank-account.ts";

export interface SandboxBankAccount {
  sortCode: string;
  accountNumber: string;
  /** Personal data: store it encrypted. */
  holderName: string;
  createdAt: string;
}

export interface SandboxBankPayment {
  /** Also SentPayment.providerPaymentId, e.g. "sbx_pay_…". */
  id: string;
  sortCode: string;
  accountNumber: string;
  payeeName: string;
  amountPence: number;
  /** What the account holder sees on the statement; a penny drop's code is in it. */
  reference: string;
  idempotencyKey: string;
  createdAt: string;
}

/**
 * Storage of the sandbox bank; apps implement it over their D1. Contract:
 * - scoped by its constructor (e.g. per partner): never sees another scope's accounts or payments;
 * - `createAccount` replaces the holder name of an existing sort code + account number;
 * - `recordPayment` is idempotent on `idempotencyKey` within the scope: the first payment stored under a
 *   key wins and is returned again unchanged (UNIQUE index + INSERT … ON CONFLICT DO NOTHING);
 * - `listPayments` returns newest first, at most `limit`.
 */
export interface SandboxBankStore {
  findAccount(sortCode: string, accountNumber: string): Promise<SandboxBankAccount | null>;
  createAccount(account: SandboxBankAccount): Promise<SandboxBankAccount>;
  recordPayment(payment: SandboxBankPayment): Promise<SandboxBankPayment>;
  listPayments(query: {
    sortCode: string;
    accountNumber: string;
    limit: number;
  }): Promise<SandboxBankPayment[]>;
}

export class MemorySandboxBankStore implements SandboxBankStore {
  private readonly accounts = new Map<string, SandboxBankAccount>();
  private readonly payments: SandboxBankPayment[] = [];

  async findAccount(sortCode: string, accountNumber: string): Promise<SandboxBankAccount | null> {
    return this.accounts.get(`${sortCode}${accountNumber}`) ?? null;
  }
  async createAccount(account: SandboxBankAccount): Promise<SandboxBankAccount> {
    this.accounts.set(`${account.sortCode}${account.accountNumber}`, { ...account });
    return { ...account };
  }
  async recordPayment(payment: SandboxBankPayment): Promise<SandboxBankPayment> {
    const existing = this.payments.find((stored) => stored.idempotencyKey === payment.idempotencyKey);
    if (existing) return { ...existing };
    this.payments.push({ ...payment });
    return { ...payment };
  }
  async listPayments(query: {
    sortCode: string;
    accountNumber: string;
    limit: number;
  }): Promise<SandboxBankPayment[]> {
    return this.payments
      .filter((p) => p.sortCode === query.sortCode && p.accountNumber === query.accountNumber)
      .reverse()
      .slice(0, query.limit)
      .map((p) => ({ ...p }));
  }
}

/**
 * The test-mode bank: answers Confirmation of Payee from the holder names of its accounts and takes
 * Faster Payments into them, instantly. A payment to an account it does not hold is refused the way a
 * real bank returns it (`AC01`, incorrect account number); a repeated idempotency key returns the first
 * payment and credits nothing more.
 */
export class SandboxBank implements FasterPaymentsSender, ConfirmationOfPayee {
  readonly provider = "sandbox";
  private readonly store: SandboxBankStore;
  private readonly now: () => Date;

  constructor(store: SandboxBankStore, options: { now?: () => Date } = {}) {
    this.store = store;
    this.now = options.now ?? (() => new Date());
  }

  async check(input: PayeeCheck): Promise<PayeeCheckResult> {
    const check = parseOrThrow(PayeeCheckSchema, input, "(check)");
    const account = await this.store.findAccount(check.sortCode, check.accountNumber);
    if (!account) return { match: "no_match", reasonCode: "AC01", matchedName: null };
    const match = compareAccountNames(check.name, account.holderName);
    if (match === "match") return { match, reasonCode: null, matchedName: null };
    if (match === "close_match") return { match, reasonCode: "MBAM", matchedName: account.holderName };
    return { match, reasonCode: "ANNM", matchedName: null };
  }

  async pay(input: FasterPayment): Promise<SentPayment> {
    const payment = parseOrThrow(FasterPaymentSchema, input, "(payment)");
    const account = await this.store.findAccount(
      payment.destination.sortCode,
      payment.destination.accountNumber,
    );
    if (!account) {
      throw new ProviderError({
        provider: this.provider,
        kind: "http",
        status: 422,
        providerCode: "AC01",
        retryable: false,
      });
    }
    const stored = await this.store.recordPayment({
      id: `sbx_pay_${crypto.randomUUID().replaceAll("-", "")}`,
      sortCode: payment.destination.sortCode,
      accountNumber: payment.destination.accountNumber,
      payeeName: payment.destination.name,
      amountPence: payment.amountPence,
      reference: payment.reference,
      idempotencyKey: payment.idempotencyKey,
      createdAt: this.now().toISOString(),
    });
    return { providerPaymentId: stored.id, status: "completed", acceptedAt: stored.createdAt };
  }
}
