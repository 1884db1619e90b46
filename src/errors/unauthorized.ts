import { ProblemError } from './problem-error'

/** 401 with the Bearer challenge of RFC 6750 §3. */
export class Unauthorized extends ProblemError {
  constructor(detail: string, challenge: string) {
    super({ status: 401, title: 'Chưa xác thực', detail, headers: { 'WWW-Authenticate': challenge } })
  }
}
