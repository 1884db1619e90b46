import { ProblemError } from './problem-error'

/** 415: the body is not declared as UTF-8 JSON (`contentType` is what was declared, if anything). */
export class UnsupportedMediaType extends ProblemError {
  constructor(contentType: string) {
    super({
      status: 415,
      title: 'Kiểu nội dung không được hỗ trợ',
      detail: `Hãy gửi JSON với Content-Type: application/json (UTF-8)${contentType ? `, không phải ${contentType}` : ''}.`,
    })
  }
}
