import { Cipher } from "@edgekyc/platform";
import { accountsDb } from "./accounts-db.ts";
import { KeyRepository } from "./keys.ts";
import { PartnerRepository } from "./partners.ts";
import { SettingsRepository } from "./settings.ts";

/** Partner accounts over the shared `kyc-accounts` D1 database (binding `ACCOUNTS`), by entity. */
export class AccountsRepository {
  readonly partners: PartnerRepository;
  readonly keys: KeyRepository;
  readonly settings: SettingsRepository;

  constructor(d1: D1Database, cipher: Cipher, options: { now?: () => number } = {}) {
    const db = accountsDb(d1);
    const now = options.now ?? (() => Date.now());
    this.partners = new PartnerRepository(db, cipher, now);
    this.keys = new KeyRepository(db, cipher, now);
    this.settings = new SettingsRepository(db, now);
  }
}

/** The repository for a Worker's env, over the isolate's one Cipher (Cipher.forKeyRing). */
export async function getAccounts(env: {
  ACCOUNTS: D1Database;
  ENCRYPTION_KEYS: string;
}): Promise<AccountsRepository> {
  return new AccountsRepository(env.ACCOUNTS, await Cipher.forKeyRing(env.ENCRYPTION_KEYS));
}
