import { ProblemError } from './problem-error'

export class NotFound extends ProblemError {
  constructor(detail = 'Không tìm thấy tài nguyên này.') {
    super({ status: 404, title: 'Không tìm thấy', detail })
  }
}
