import { ProblemError } from './problem-error'

/**
 * A Worker var that cannot be used (`CACHE_MAX_AGE=soon`). The log names the var; the client learns
 * only that the server is misconfigured, since nothing it sends can fix that.
 */
export class ConfigError extends ProblemError {
  constructor(message: string) {
    super({ status: 500, title: 'Lỗi cấu hình máy chủ', detail: 'Máy chủ đang được cấu hình sai; vui lòng thử lại sau.' }, message)
  }
}
