import { ProblemError, type FieldFault } from './problem-error'

/**
 * A batch whose writes could cost more KV operations than one invocation may make (src/articles/batch.ts).
 * 413, not 400: the batch is too big as a whole, each article may be fine, and a client (the importer)
 * splits a batch answered 413 until it fits.
 */
export class BatchOverBudget extends ProblemError {
  constructor(issue: FieldFault) {
    super({
      status: 413,
      title: 'Lô bài quá lớn',
      detail: 'Lô bài này cần quá nhiều thao tác lưu trữ cho một yêu cầu; hãy gửi ít bài hơn mỗi lần.',
      errors: [issue],
    })
  }
}
