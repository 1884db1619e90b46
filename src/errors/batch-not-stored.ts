import { ProblemError, type FieldFault } from './problem-error'
import { RETRY_AFTER_SECONDS } from './storage-unavailable'

/** What the batch contract (src/articles/batch.ts) says of one element, as far as a problem needs it. */
interface ElementFate {
  index: number
  status: number
  errors?: FieldFault[]
}

/**
 * No element of a batch was stored: 400 when every one was invalid, 503 with Retry-After when the
 * store failed for some, 500 when KV refused some over its own limits (no retry helps those), 409 when
 * some had a derived id that belongs to a different article (the rest invalid). The body
 * lists each element's fate (`results`) as a successful batch does.
 */
export class BatchNotStored extends ProblemError {
  constructor(results: ElementFate[], summary: Record<string, number>) {
    const failed = results.some((r) => r.status === 503)
    const refused = results.some((r) => r.status === 500)
    const taken = results.some((r) => r.status === 409)
    super({
      title: failed || refused || taken ? 'Không lưu được bài nào' : 'Không bài nào hợp lệ',
      status: failed ? 503 : refused ? 500 : taken ? 409 : 400,
      detail: `Không bài nào trong ${results.length} bài được lưu; xem results.`,
      errors: results.flatMap((r) => (r.errors ?? []).map((e) => ({ field: `${r.index}.${e.field}`, reason: e.reason }))),
      extensions: { summary, results },
      headers: failed ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {},
    })
  }
}
