/**
 * azureBatch.http.* as the clients use them: every value clamped to the range package.json documents (a workspace
 * can set them, and `maxRetries: 1e6` must not make a request retry a million times). Keep RANGES and package.json's
 * `minimum` / `maximum` / `default` in step (a unit test compares them).
 */
export interface HttpSettings {
  connectTimeoutSeconds?: number;
  headersTimeoutSeconds?: number;
  bodyTimeoutSeconds?: number;
  maxRetries?: number;
  maxRetryDelaySeconds?: number;
  /** Largest response body read, in MiB. */
  maxResponseMegabytes?: number;
  /** One request, every attempt, retry wait and body read included. */
  requestTimeoutSeconds?: number;
}

export interface SettingRange {
  minimum: number;
  maximum: number;
  default: number;
  integer: boolean;
}

export const HTTP_SETTING_RANGES: Readonly<Record<keyof HttpSettings, SettingRange>> = {
  connectTimeoutSeconds: { minimum: 1, maximum: 300, default: 10, integer: false },
  headersTimeoutSeconds: { minimum: 1, maximum: 600, default: 60, integer: false },
  bodyTimeoutSeconds: { minimum: 1, maximum: 600, default: 60, integer: false },
  maxRetries: { minimum: 0, maximum: 10, default: 4, integer: true },
  maxRetryDelaySeconds: { minimum: 1, maximum: 300, default: 30, integer: false },
  maxResponseMegabytes: { minimum: 1, maximum: 1024, default: 64, integer: true },
  requestTimeoutSeconds: { minimum: 10, maximum: 3600, default: 300, integer: false },
};

/** One value that was outside its range (or not a number) and what is used instead, for the log. */
export interface SettingAdjustment {
  setting: string;
  given: unknown;
  used: number;
}

/**
 * Every azureBatch.http.* value within its documented range: non-numbers become the default, numbers are clamped
 * (and truncated for integer settings). Returns the values to use and what was changed.
 */
export function clampHttpSettings(given: HttpSettings): { settings: Required<HttpSettings>; adjustments: SettingAdjustment[] } {
  const settings = {} as Required<HttpSettings>;
  const adjustments: SettingAdjustment[] = [];
  for (const [key, range] of Object.entries(HTTP_SETTING_RANGES) as [keyof HttpSettings, SettingRange][]) {
    const value = given[key];
    let used: number;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      used = range.default;
    } else {
      const whole = range.integer ? Math.trunc(value) : value;
      used = Math.min(range.maximum, Math.max(range.minimum, whole));
    }
    settings[key] = used;
    if (value !== undefined && value !== used) {
      adjustments.push({ setting: `azureBatch.http.${key}`, given: value, used });
    }
  }
  return { settings, adjustments };
}
