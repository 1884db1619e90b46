import { ProblemError } from './problem-error'

/** 429 after too many wrong admin tokens from one client. */
export class TooManyAttempts extends ProblemError {
  constructor(seconds: number) {
    super({
      status: 429,
      title: 'Quá nhiều lần đăng nhập sai',
      detail: `Too many wrong admin tokens from this address; try again in ${seconds} seconds.`,
      headers: { 'Retry-After': String(seconds) },
    })
  }
}
