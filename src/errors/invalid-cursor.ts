import { InvalidParameter } from './invalid-parameter'

/** What a reader is told of any cursor it cannot use: where to go instead. */
const REASON = 'không phải con trỏ trang hợp lệ của feed này; hãy theo liên kết next của feed hoặc đọc lại từ trang đầu'

/**
 * A paging cursor this service did not issue, issued for another feed, or one KV no longer knows. The
 * client reads one Vietnamese reason whatever the case; `why` (which case) goes to the log.
 */
export class InvalidCursor extends InvalidParameter {
  constructor(why: string) {
    super('cursor', REASON, `cursor: ${why}`)
  }
}
