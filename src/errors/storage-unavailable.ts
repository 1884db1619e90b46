import { errorMessage } from '../utils/error-message'
import { ProblemError } from './problem-error'

/** Seconds a client should wait before retrying when storage is failing. */
export const RETRY_AFTER_SECONDS = 30

/**
 * A KV call failed or did not answer in time: 503 with Retry-After. Nothing was (or stays) half-done,
 * since a failed write is undone, so the request is safe to repeat.
 */
export class StorageUnavailable extends ProblemError {
  constructor(operation: string, cause: unknown) {
    super(
      {
        status: 503,
        title: 'Tạm thời không truy cập được kho dữ liệu',
        detail: `Kho dữ liệu không trả lời. Vui lòng thử lại sau ${RETRY_AFTER_SECONDS} giây; thao tác ghi bị lỗi đã được hoàn tác nên gửi lại là an toàn.`,
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
        cause,
      },
      `KV ${operation} failed: ${errorMessage(cause)}`,
    )
  }
}
