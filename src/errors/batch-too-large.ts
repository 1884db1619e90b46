import { ProblemError } from './problem-error'

/**
 * A batch over the limits of one request (src/config/batch.ts): more articles or more bytes than the
 * deployment allows, which bound the CPU a request may cost. 413, like any body too large; the answer
 * names both limits, in its text and as `maxArticles` and `maxBytes`, so a client (the importer) splits
 * what it sends to fit at once instead of guessing.
 */
export class BatchTooLarge extends ProblemError {
  constructor(limits: { maxArticles: number; maxBytes: number }) {
    const { maxArticles, maxBytes } = limits
    const reason = `một lô được tối đa ${maxArticles} bài và ${maxBytes} byte (BATCH_MAX_ARTICLES, BATCH_MAX_BYTES); hãy chia thành nhiều lần gửi`
    super({
      status: 413,
      title: 'Nội dung quá lớn',
      detail: `Lô bài vượt giới hạn của một yêu cầu: tối đa ${maxArticles} bài và ${maxBytes} byte mỗi lần gửi.`,
      errors: [{ field: '(body)', reason }],
      extensions: { maxArticles, maxBytes },
    })
  }
}
