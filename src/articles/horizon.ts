/**
 * How far ahead an article may be scheduled. A publication time more than a year ahead is taken for a
 * typo (`01/04/2106` for `01/04/2016`): accepted, it would sit in the schedule for decades, or, stored
 * before scheduling existed, top every feed until then.
 */
import { addYears } from 'date-fns'
import { formatRfc3339 } from '../time/zone'

const MAX_YEARS_AHEAD = 1

/** Why `published` is too far ahead of `now`, or undefined when it is not. */
export function tooFarAhead(published: Date, now: Date, timeZone?: string): string | undefined {
  // Calendar arithmetic (date-fns), not 365 days: a year from 29/02 is 28/02 or 01/03 as the calendar says.
  const latest = addYears(now, MAX_YEARS_AHEAD)
  if (published <= latest) return undefined
  return `hơn một năm sau hiện tại (muộn nhất ${formatRfc3339(latest, timeZone)}): có lẽ năm bị gõ nhầm; kiểm tra lại ngày đăng`
}
