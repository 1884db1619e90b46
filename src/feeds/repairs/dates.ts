import { ZonedDate } from '../../time/zone'

/**
 * feed prints every date with `toUTCString()` (RSS: `Fri, 01 Apr 2016 01:04:00 GMT`) or `toISOString()`
 * (Atom, JSON: `2016-04-01T01:04:00.000Z`). A feed of a Vietnamese paper says the newsroom's time, so
 * every date handed to feed is a ZonedDate, whose two methods print the offset of `timeZone`:
 * `Fri, 01 Apr 2016 08:04:00 +0700`, `2016-04-01T08:04:00+07:00`.
 */
export function feedDate(instant: Date | string, timeZone: string): ZonedDate {
  return new ZonedDate(instant, timeZone)
}

/**
 * A date for an item template (../templates.ts): it prints `token` whichever way feed asks (toUTCString in
 * RSS, toISOString in Atom and JSON, and JSON.stringify through toJSON), so that what feed writes for the
 * item does not depend on its time; the writer registers the date as printed in its format for the token.
 */
export function tokenDate(token: string): Date {
  const date = new Date(0)
  date.toUTCString = date.toISOString = () => token
  return date
}
