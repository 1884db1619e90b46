import { errorMessage } from '../utils/error-message'
import { ProblemError } from './problem-error'

/**
 * KV refused a call over one of its own hard limits (a key over 512 bytes, a value or bulk read too
 * large). Repeating the request cannot help, so it is no 503: a 500 without Retry-After, logged with
 * KV's own words. The store's caps and budgets exist so that this never happens; when it does, it is a bug.
 */
export class StorageLimitExceeded extends ProblemError {
  constructor(operation: string, cause: unknown) {
    super(
      {
        status: 500,
        title: 'Yêu cầu vượt giới hạn của kho dữ liệu',
        detail: 'Kho dữ liệu từ chối yêu cầu này vì vượt giới hạn kích thước của nó; gửi lại cũng không được. Lỗi đã được ghi lại để sửa.',
        cause,
      },
      `KV ${operation} refused over a KV limit: ${errorMessage(cause)}`,
    )
  }
}
