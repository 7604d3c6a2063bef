/**
 * A Worker's configuration is missing or wrong (an unset secret, a malformed key ring). `newApp` answers
 * it with 503 "unavailable" and logs the message, which names variables and never their values.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}
