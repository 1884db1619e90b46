import { ProblemError } from './problem-error'

export class MethodNotAllowed extends ProblemError {
  constructor(allow: string) {
    super({
      status: 405,
      title: 'Phương thức không được hỗ trợ',
      detail: `Chỉ dùng được các phương thức ${allow}.`,
      headers: { Allow: allow },
    })
  }
}
