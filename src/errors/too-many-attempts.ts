import { ProblemError } from './problem-error'

/** 429 after too many wrong admin tokens from one client. */
export class TooManyAttempts extends ProblemError {
  constructor(seconds: number) {
    super({
      status: 429,
      title: 'Quá nhiều lần đăng nhập sai',
      detail: `Địa chỉ này đã gửi sai mã quản trị quá nhiều lần; hãy thử lại sau ${seconds} giây.`,
      headers: { 'Retry-After': String(seconds) },
    })
  }
}
