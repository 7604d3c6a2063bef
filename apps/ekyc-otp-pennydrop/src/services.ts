import { getAccounts } from "@edgekyc/accounts";
import { Cipher, ConfigError, type Logger, type Principal } from "@edgekyc/platform";
import {
  ChannelRouter,
  type ConfirmationOfPayee,
  type FasterPaymentsSender,
  type MessageSender,
  ModulrNameCheck,
  ModulrPayments,
  type PasscodeCaller,
  PostmarkEmailSender,
  SandboxBank,
  SandboxMessageSender,
  SandboxPasscodeCaller,
  selectProvider,
  TwilioMessageSender,
  TwilioVoiceCaller,
} from "@edgekyc/provider-clients";
import { drizzle } from "drizzle-orm/d1";
import { AuditLog } from "./audit/audit-log.ts";
import { type EkycConfig, ekycConfig } from "./config.ts";
import type { EkycSubject } from "./durable/ekyc-subject.ts";
import { subjectName } from "./durable/ekyc-subject.ts";
import { ResultEvents } from "./events/result-events.ts";
import type { Settings } from "./limits/subject-state.ts";
import { BlindIndex } from "./sandbox/blind-index.ts";
import { D1SandboxBankStore } from "./sandbox/d1-bank.ts";
import { D1SandboxOutbox } from "./sandbox/d1-outbox.ts";
import { IsolateCache } from "./subjects/isolate-cache.ts";
import type { Subject } from "./subjects/subject-registry.ts";
import { SubjectRegistry } from "./subjects/subject-registry.ts";

/** Settings are read on every request; a change made through the admin API applies within 2 s. */
const SETTINGS_CACHE_TTL_MS = 2_000;
const settingsCache = new IsolateCache<Settings>(SETTINGS_CACHE_TTL_MS);

let indexCache: { spec: string; recipients: BlindIndex; destinations: BlindIndex } | undefined;

function indexesFor(spec: string) {
  if (indexCache?.spec !== spec) {
    indexCache = {
      spec,
      recipients: new BlindIndex(spec, "outbox-recipient"),
      destinations: new BlindIndex(spec, "destination"),
    };
  }
  return indexCache;
}

interface Delivery {
  messages: MessageSender;
  voice: PasscodeCaller;
}

interface Banking {
  payments: FasterPaymentsSender;
  payee: ConfirmationOfPayee;
}

/** Everything a request (or the scheduled handler) needs, built once from the bindings. */
export interface EkycServices {
  config: EkycConfig;
  cipher: Cipher;
  log: Logger;
  db: ReturnType<typeof drizzle>;
  subjects: SubjectRegistry;
  audit: AuditLog;
  events: ResultEvents;
  /** Keyed hash of a destination (channel + number/email/account), for duplicate detection in the DO. */
  destinationKey(value: string): string;
  settings(partnerId: string): Promise<Settings>;
  subject(subject: Subject): DurableObjectStub<EkycSubject>;
  delivery(principal: Principal): Delivery;
  banking(principal: Principal): Banking;
  sandboxOutbox(partnerId: string): D1SandboxOutbox;
  sandboxBank(partnerId: string): SandboxBank;
}

function requireLive<T>(value: T | undefined, names: string): T {
  if (value === undefined) throw new ConfigError(`live-mode delivery needs ${names}`);
  return value;
}

/** What does not depend on the request, built once per isolate and env (the factory runs per request). */
const isolateServices = new WeakMap<object, Promise<Omit<EkycServices, "log" | "events">>>();

export async function ekycServices(env: Env, log: Logger): Promise<EkycServices> {
  let shared = isolateServices.get(env);
  if (!shared) {
    shared = buildIsolateServices(env);
    isolateServices.set(env, shared);
    // A configuration error is thrown again on the next request rather than cached.
    shared.catch(() => isolateServices.delete(env));
  }
  const base = await shared;
  return { ...base, log, events: new ResultEvents(base.db, env.RESULTS, log, Date.now, env.RECEIPTS) };
}

async function buildIsolateServices(env: Env): Promise<Omit<EkycServices, "log" | "events">> {
  const config = ekycConfig(env);
  const cipher = await Cipher.forKeyRing(config.ENCRYPTION_KEYS);
  const indexes = indexesFor(config.ENCRYPTION_KEYS);
  const db = drizzle(env.DB);
  const sandboxOutbox = (partnerId: string) => new D1SandboxOutbox(db, cipher, indexes.recipients, partnerId);
  const sandboxBank = (partnerId: string) => new SandboxBank(new D1SandboxBankStore(db, cipher, partnerId));
  const modulr = () => ({
    apiKey: requireLive(config.MODULR_API_KEY, "MODULR_API_KEY"),
    apiSecret: requireLive(config.MODULR_API_SECRET, "MODULR_API_SECRET"),
    sourceAccountId: requireLive(config.MODULR_SOURCE_ACCOUNT_ID, "MODULR_SOURCE_ACCOUNT_ID"),
    ...(config.MODULR_BASE_URL ? { baseUrl: config.MODULR_BASE_URL } : {}),
  });
  const twilio = () => ({
    accountSid: requireLive(config.TWILIO_ACCOUNT_SID, "TWILIO_ACCOUNT_SID"),
    authToken: requireLive(config.TWILIO_AUTH_TOKEN, "TWILIO_AUTH_TOKEN"),
    from: requireLive(config.TWILIO_FROM, "TWILIO_FROM"),
  });
  return {
    config,
    cipher,
    db,
    subjects: new SubjectRegistry(db, cipher),
    audit: new AuditLog(db),
    destinationKey: (value) => indexes.destinations.of(value),
    settings: async (partnerId) => {
      const cached = settingsCache.get(partnerId);
      if (cached) return cached;
      const settings = await (await getAccounts(env)).settings.get(partnerId, "ekyc-otp-pennydrop");
      settingsCache.set(partnerId, settings);
      return settings;
    },
    subject: (subject) =>
      env.SUBJECTS.get(
        env.SUBJECTS.idFromName(subjectName(subject)),
      ) as unknown as DurableObjectStub<EkycSubject>,
    delivery: (principal) => ({
      messages: selectProvider<MessageSender>({
        mode: principal.mode,
        real: () =>
          new ChannelRouter({
            sms: new TwilioMessageSender(twilio()),
            email: new PostmarkEmailSender({
              serverToken: requireLive(config.POSTMARK_SERVER_TOKEN, "POSTMARK_SERVER_TOKEN"),
              from: requireLive(config.POSTMARK_FROM, "POSTMARK_FROM"),
              tag: "otp",
            }),
          }),
        sandbox: () => new SandboxMessageSender(sandboxOutbox(principal.partnerId)),
      }),
      voice: selectProvider<PasscodeCaller>({
        mode: principal.mode,
        real: () => new TwilioVoiceCaller(twilio()),
        sandbox: () => new SandboxPasscodeCaller(sandboxOutbox(principal.partnerId)),
      }),
    }),
    banking: (principal) => {
      const sandbox = () => sandboxBank(principal.partnerId);
      return {
        payments: selectProvider<FasterPaymentsSender>({
          mode: principal.mode,
          real: () => new ModulrPayments(modulr()),
          sandbox,
        }),
        payee: selectProvider<ConfirmationOfPayee>({
          mode: principal.mode,
          real: () => new ModulrNameCheck(modulr()),
          sandbox,
        }),
      };
    },
    sandboxOutbox,
    sandboxBank,
  };
}
