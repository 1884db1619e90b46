import { parse, isValid } from 'date-fns'
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz'

/** The newsroom's zone. Configurable, but every default in the project is this IANA name. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh'

/**
 * Wall-clock forms the newsroom writes, day first. Order matters only for speed: the strict
 * padded form the CMS prints comes first.
 */
const LOCAL_FORMATS = ['HH:mm, dd/MM/yyyy', 'H:mm, d/M/yyyy', 'yyyy-MM-dd HH:mm', "yyyy-MM-dd'T'HH:mm", 'yyyy-MM-dd HH:mm:ss'] as const

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))$/i

/** Date.parse rolls `2016-02-30` over to 1 March and takes `24:00`: every field must name a real time. */
function realRfc3339(m: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second = 0, , , offsetHour = 0, offsetMinute = 0] = m
    .slice(1)
    .map((f) => (f === undefined ? undefined : Number(f)))
  const date = new Date(Date.UTC(year!, month! - 1, day!))
  return (
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    offsetHour! < 24 &&
    offsetMinute! < 60
  )
}

/**
 * Reads a newsroom local time (`08:04, 01/04/2016`, `8:04, 1/4/2016`, `2016-04-01 08:04`) in `timeZone`,
 * or an RFC 3339 timestamp with an explicit offset. Returns null when the text is not one of those forms
 * or names a day that does not exist (31/02).
 */
export function parseNewsroomTime(text: string, timeZone = DEFAULT_TIME_ZONE): Date | null {
  const value = text.trim()
  const rfc3339 = RFC3339.exec(value)
  if (rfc3339) {
    const date = new Date(value)
    return isValid(date) && realRfc3339(rfc3339) ? date : null
  }
  // A fixed reference keeps parse() deterministic; fromZonedTime reads the wall-clock fields of the
  // parsed Date as a time in `timeZone`, whatever zone this process runs in.
  const reference = new Date(2000, 0, 1)
  for (const format of LOCAL_FORMATS) {
    const wallClock = parse(value, format, reference)
    if (isValid(wallClock)) return fromZonedTime(wallClock, timeZone)
  }
  return null
}

/**
 * Every zoned string comes from date-fns-tz's `formatInTimeZone` with the IANA zone. It costs 10–40 µs
 * a call (it asks Intl each time), and a feed prints the same few hundred instants render after render,
 * so results are memoised per (zone, pattern, instant); the memo is bounded and dropped whole when full.
 */
const MEMO_LIMIT = 20_000
const memo = new Map<string, string>()

function zoned(date: Date, timeZone: string, pattern: string): string {
  const key = `${timeZone}|${pattern}|${date.getTime()}`
  let text = memo.get(key)
  if (text === undefined) {
    text = formatInTimeZone(date, timeZone, pattern)
    if (memo.size >= MEMO_LIMIT) memo.clear()
    memo.set(key, text)
  }
  return text
}

/** RFC 822 as RSS wants it, with a numeric zone: `Fri, 01 Apr 2016 08:04:00 +0700`. */
export function formatRfc822(date: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return zoned(date, timeZone, 'EEE, dd MMM yyyy HH:mm:ss xx')
}

/** RFC 3339 with the zone's offset: `2016-04-01T08:04:00+07:00`. */
export function formatRfc3339(date: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return zoned(date, timeZone, "yyyy-MM-dd'T'HH:mm:ssxxx")
}

/**
 * RFC 3339 with the zone's offset, to the millisecond when there is one (`2016-04-01T08:04:00.250+07:00`),
 * so an instant read back is the instant stored.
 */
export function formatRfc3339Exact(date: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return date.getUTCMilliseconds() ? zoned(date, timeZone, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx") : formatRfc3339(date, timeZone)
}

/** The newsroom's own display form, `08:04, 01/04/2016`. */
export function formatNewsroom(date: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return zoned(date, timeZone, 'HH:mm, dd/MM/yyyy')
}

/** Local calendar date `yyyy-MM-dd`, the prefix of article ids. */
export function formatLocalDay(date: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return zoned(date, timeZone, 'yyyy-MM-dd')
}

/**
 * A Date that prints itself in a zone. `feed` formats dates with toUTCString()/toISOString(); handing
 * it this subclass makes its output carry the newsroom's offset instead of GMT/Z, without forking it.
 */
export class ZonedDate extends Date {
  readonly #timeZone: string
  constructor(instant: Date | string | number, timeZone = DEFAULT_TIME_ZONE) {
    super(instant instanceof Date ? instant.getTime() : instant)
    this.#timeZone = timeZone
  }
  override toUTCString(): string {
    return formatRfc822(this, this.#timeZone)
  }
  override toISOString(): string {
    return formatRfc3339(this, this.#timeZone)
  }
}
