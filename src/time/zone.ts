import { parse, isValid } from 'date-fns'
import { fromZonedTime } from 'date-fns-tz'

/** The newsroom's zone. Configurable, but every default in the project is this IANA name. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh'

/**
 * Wall-clock forms the newsroom writes, day first. Order matters only for speed: the strict
 * padded form the CMS prints comes first.
 */
const LOCAL_FORMATS = ['HH:mm, dd/MM/yyyy', 'H:mm, d/M/yyyy', 'yyyy-MM-dd HH:mm', "yyyy-MM-dd'T'HH:mm", 'yyyy-MM-dd HH:mm:ss'] as const

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i

/**
 * Reads a newsroom local time (`08:04, 01/04/2016`, `8:04, 1/4/2016`, `2016-04-01 08:04`) in `timeZone`,
 * or an RFC 3339 timestamp with an explicit offset. Returns null when the text is not one of those forms
 * or names a day that does not exist (31/02).
 */
export function parseNewsroomTime(text: string, timeZone = DEFAULT_TIME_ZONE): Date | null {
  const value = text.trim()
  if (RFC3339.test(value)) {
    const date = new Date(value)
    return isValid(date) ? date : null
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
 * Wall-clock reading of an instant in a zone. Formatting with date-fns-tz costs 10–30 µs a call (it
 * re-parses the pattern and asks Intl every time); a feed formats a hundred dates per render, so the
 * formatters below read the zone's offset once per UTC day (cached) and print the fields themselves.
 * Output is identical to `formatInTimeZone(date, zone, pattern)` for every whole-minute offset
 * (tests compare them across DST zones); for the sub-minute offsets of local mean time (before ~1906
 * here) the offset is truncated to minutes and the wall clock computed from it, so the text still
 * names the exact instant (date-fns-tz prints the true wall clock next to the truncated offset).
 */
interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  weekday: number
  offsetMinutes: number
}

const DAY_MS = 86_400_000
const formatters = new Map<string, Intl.DateTimeFormat>()
/** Per zone: UTC day number → the zone's offset in seconds all that day, or null when it changes that day. */
const dayOffsets = new Map<string, Map<number, number | null>>()

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The zone's offset from UTC at `ms`, in seconds (Intl knows local mean time to the second). */
function offsetSecondsAt(ms: number, timeZone: string): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 }
  for (const part of wallClockFormatter(timeZone).formatToParts(ms)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value)
  }
  const local = new Date(0)
  local.setUTCFullYear(fields.year, fields.month - 1, fields.day)
  local.setUTCHours(fields.hour, fields.minute, fields.second, 0)
  return Math.round((local.getTime() - (ms - (((ms % 1000) + 1000) % 1000))) / 1000)
}

/**
 * The zone's offset at `ms` in whole minutes. A day whose first and last millisecond share an offset
 * has that offset throughout (no zone changes its offset twice within one day), so it is cached.
 */
function offsetMinutesAt(ms: number, timeZone: string): number {
  let days = dayOffsets.get(timeZone)
  if (!days) {
    days = new Map()
    dayOffsets.set(timeZone, days)
  }
  const day = Math.floor(ms / DAY_MS)
  let seconds = days.get(day)
  if (seconds === undefined) {
    const first = offsetSecondsAt(day * DAY_MS, timeZone)
    seconds = first === offsetSecondsAt(day * DAY_MS + DAY_MS - 1, timeZone) ? first : null
    if (days.size >= 10_000) days.clear()
    days.set(day, seconds)
  }
  return Math.trunc((seconds ?? offsetSecondsAt(ms, timeZone)) / 60)
}

function wallClock(date: Date, timeZone: string): WallClock {
  const ms = date.getTime()
  if (Number.isNaN(ms)) throw new RangeError('Invalid time value')
  const offsetMinutes = offsetMinutesAt(ms, timeZone)
  const local = new Date(ms + offsetMinutes * 60_000)
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
    offsetMinutes,
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`)
const pad4 = (n: number) => `${n}`.padStart(4, '0')

/** `+0700` (separator '') or `+07:00` (separator ':'). */
function offsetText(minutes: number, separator: string): string {
  const abs = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}${separator}${pad2(abs % 60)}`
}

function rfc822(w: WallClock): string {
  return `${WEEKDAYS[w.weekday]}, ${pad2(w.day)} ${MONTHS[w.month - 1]} ${pad4(w.year)} ${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)} ${offsetText(w.offsetMinutes, '')}`
}

function rfc3339(w: WallClock): string {
  return `${pad4(w.year)}-${pad2(w.month)}-${pad2(w.day)}T${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}${offsetText(w.offsetMinutes, ':')}`
}

/** RFC 822 as RSS wants it, with a numeric zone: `Fri, 01 Apr 2016 08:04:00 +0700`. */
export function formatRfc822(date: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return rfc822(wallClock(date, timeZone))
}

/** RFC 3339 with the zone's offset: `2016-04-01T08:04:00+07:00`. */
export function formatRfc3339(date: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return rfc3339(wallClock(date, timeZone))
}

/** The newsroom's own display form, `08:04, 01/04/2016`. */
export function formatNewsroom(date: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const w = wallClock(date, timeZone)
  return `${pad2(w.hour)}:${pad2(w.minute)}, ${pad2(w.day)}/${pad2(w.month)}/${pad4(w.year)}`
}

/** Local calendar date `yyyy-MM-dd`, the prefix of article ids. */
export function formatLocalDay(date: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const w = wallClock(date, timeZone)
  return `${pad4(w.year)}-${pad2(w.month)}-${pad2(w.day)}`
}

/**
 * A Date that prints itself in a zone. `feed` formats dates with toUTCString()/toISOString(); handing
 * it this subclass makes its output carry the newsroom's offset instead of GMT/Z, without forking it.
 * The zone is read once per instance and each form is formatted at most once, so a renderer can hand
 * the same instance to several fields (an item's published and updated) at no extra cost.
 */
export class ZonedDate extends Date {
  readonly #timeZone: string
  /** Memoised forms, valid while the instant is still `#memoFor` (a Date can be mutated with setTime()). */
  #memoFor = Number.NaN
  #wallClock: WallClock | undefined
  #rfc822: string | undefined
  #rfc3339: string | undefined
  constructor(instant: Date | string | number, timeZone = DEFAULT_TIME_ZONE) {
    super(instant instanceof Date ? instant.getTime() : instant)
    this.#timeZone = timeZone
  }
  get timeZone(): string {
    return this.#timeZone
  }
  /** The local calendar year (for a copyright line). */
  get localYear(): number {
    return this.#local().year
  }
  #local(): WallClock {
    const ms = this.getTime()
    if (this.#wallClock === undefined || ms !== this.#memoFor) {
      this.#wallClock = wallClock(this, this.#timeZone)
      this.#memoFor = ms
      this.#rfc822 = this.#rfc3339 = undefined
    }
    return this.#wallClock
  }
  override toUTCString(): string {
    const local = this.#local()
    return (this.#rfc822 ??= rfc822(local))
  }
  override toISOString(): string {
    const local = this.#local()
    return (this.#rfc3339 ??= rfc3339(local))
  }
}
