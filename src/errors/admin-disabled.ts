import { ProblemError } from './problem-error'

/**
 * No ADMIN_TOKEN is configured: 503, not 401. No credentials could succeed, so a 401 would send an
 * editor hunting a typo in a token that is in fact right; 503 says the server is not set up, and how.
 */
export class AdminDisabled extends ProblemError {
  constructor() {
    super({
      status: 503,
      title: 'API quản trị chưa được bật',
      detail:
        'Máy chủ chưa đặt ADMIN_TOKEN: đặt bằng `wrangler secret put ADMIN_TOKEN` (production) hoặc trong .dev.vars / biến môi trường (khi chạy local).',
    })
  }
}
