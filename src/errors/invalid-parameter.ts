import { ProblemError } from './problem-error'

/** A 400 naming one query parameter or field; `reason` is what the client reads (Vietnamese), `message` the log's. */
export class InvalidParameter extends ProblemError {
  constructor(field: string, reason: string, message?: string) {
    super({ status: 400, title: 'Tham số không hợp lệ', detail: `${field}: ${reason}`, errors: [{ field, reason }] }, message)
  }
}
