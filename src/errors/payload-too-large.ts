import { ProblemError } from './problem-error'

export class PayloadTooLarge extends ProblemError {
  constructor(maxBytes: number) {
    super({ status: 413, title: 'Nội dung quá lớn', detail: `The body must be at most ${maxBytes} bytes.` })
  }
}
