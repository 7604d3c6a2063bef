export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Keys whose values may hold personal data or secrets. Ids (…Id, …Ids) are always allowed. */
const SENSITIVE_KEY =
  /name|mail|phone|number|document|image|photo|selfie|portrait|address|dob|birth|account|iban|sort_?code|secret|token|key|password|passcode|otp|code|authorization|cookie|signature|payload|body|mrz|nationality|url/i;
const SAFE_KEY =
  /(?:Id|Ids|_id|_ids)$|^(?:requestId|app|method|route|path|status|statusCode|durationMs|outcome|attempt|count|queue|mode|capability|dialect|reason|error|level|message)$/;

export const REDACTED = "[redacted]";

/** Copies fields, replacing values of sensitive keys, recursively; long strings are cut. */
export function redact(value: unknown, key = "", depth = 0): unknown {
  if (key && !SAFE_KEY.test(key) && SENSITIVE_KEY.test(key)) return REDACTED;
  if (typeof value === "string") return value.length > 500 ? `${value.slice(0, 500)}…` : value;
  if (value === null || typeof value !== "object") return value;
  if (depth > 4) return "[nested]";
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => redact(item, "", depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k, depth + 1)]));
}

/**
 * Structured JSON logs, one line per entry (Workers Logs index the fields). Every field passes through
 * `redact`, so a careless `log.info("x", { email })` still writes no personal data.
 */
export function createLogger(base: { app: string; requestId?: string } & LogFields): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    const entry = {
      level,
      message,
      time: new Date().toISOString(),
      ...(redact({ ...base, ...fields }) as LogFields),
    };
    const line = JSON.stringify(entry);
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    // biome-ignore lint/suspicious/noConsole: the logger is the one place that writes to the console.
    else console.log(line);
  };
  return {
    debug: (message, fields) => write("debug", message, fields),
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}
