/** Readers of Worker vars, each var read once (config/index.ts); a var that cannot be used throws ConfigError. */
import type { Env } from '../env'
import { ConfigError } from '../errors/config-error'
import { cleanText } from '../text/normalize'
import { isHttpUrl } from '../utils/url'

type VarName = keyof Env

/**
 * The var's text, trimmed, NFC and without XML-illegal characters (cleanText), or undefined when unset
 * or blank: the masthead goes into every feed as read here, so renders need not clean it again.
 */
export function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? cleanText(trimmed) : undefined
}

/** A whole number from `min` to `max`, or the fallback when unset. */
export function wholeNumber(name: VarName, value: string | undefined, fallback: number, min = 0, max = Infinity): number {
  const given = text(value)
  if (given === undefined) return fallback
  const n = /^\d{1,9}$/.test(given) ? Number(given) : NaN
  if (!(n >= min && n <= max)) {
    const range = max < Infinity ? ` from ${min} to ${max}` : min > 0 ? ` from ${min}` : ''
    throw new ConfigError(`${name} must be a whole number${range}, got ${JSON.stringify(value)}`)
  }
  return n
}

/** An absolute URL without a trailing slash, or undefined when unset. */
export function absoluteUrl(name: VarName, value: string | undefined): string | undefined {
  const given = text(value)
  if (given === undefined) return undefined
  if (!URL.canParse(given)) throw new ConfigError(`${name} must be an absolute URL, got ${JSON.stringify(value)}`)
  return new URL(given).toString().replace(/\/$/, '')
}

/** An absolute http(s) URL kept exactly as given (a hub matches it as text), or null when unset. */
export function httpUrl(name: VarName, value: string | undefined): string | null {
  const given = text(value)
  if (given === undefined) return null
  if (!isHttpUrl(given)) throw new ConfigError(`${name} must be an absolute http(s) URL`)
  return given
}

/** `on` or `off` (any case), or the fallback when unset. */
export function onOff(name: VarName, value: string | undefined, fallback: boolean): boolean {
  const given = text(value)?.toLowerCase()
  if (given === undefined) return fallback
  if (given !== 'on' && given !== 'off') throw new ConfigError(`${name} must be "on" or "off", got ${JSON.stringify(value)}`)
  return given === 'on'
}

/** A secret key of at least 16 characters, or undefined when unset (a short one is refused, not weakly used). */
export function secret(name: VarName, value: string | undefined): string | undefined {
  const given = value?.trim()
  if (!given) return undefined
  if (given.length < 16) throw new ConfigError(`${name} must be at least 16 characters (e.g. openssl rand -base64 32)`)
  return given
}

/**
 * A time zone the runtime's Intl knows (`Asia/Ho_Chi_Minh`), or undefined when unset. Checked here, since
 * a name it does not know (`GMT+7`) would otherwise throw inside every render.
 */
export function timeZone(name: VarName, value: string | undefined): string | undefined {
  const given = text(value)
  if (given === undefined) return undefined
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: given })
  } catch {
    throw new ConfigError(`${name} must be an IANA time zone such as Asia/Ho_Chi_Minh, got ${JSON.stringify(value)}`)
  }
  return given
}
