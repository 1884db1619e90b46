import { ProblemError } from './problem-error'

export class PayloadTooLarge extends ProblemError {
  constructor(maxBytes: number) {
    super({ status: 413, title: 'Nội dung quá lớn', detail: `Nội dung gửi lên không được quá ${maxBytes} byte.` })
  }
}
