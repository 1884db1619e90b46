import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** RFC 9457 problem details, with the fields at fault listed when the client sent something wrong. */
export interface Problem {
  type?: string
  title: string
  status: ContentfulStatusCode
  detail?: string
  instance?: string
  /** Every field at fault and why (our extension member). */
  errors?: Array<{ field: string; reason: string }>
  [extension: string]: unknown
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

export function problem(c: Context, body: Problem, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify({ type: 'about:blank', ...body, instance: body.instance ?? new URL(c.req.url).pathname }), body.status, {
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Cache-Control': 'no-store',
    ...headers,
  })
}

/** A 400 naming one query parameter or field. */
export function invalidParameter(c: Context, field: string, reason: string): Response {
  return problem(c, { title: 'Tham số không hợp lệ', status: 400, detail: `${field}: ${reason}`, errors: [{ field, reason }] })
}

export function notFound(c: Context, detail = 'Không tìm thấy tài nguyên này.'): Response {
  return problem(c, { title: 'Không tìm thấy', status: 404, detail })
}

/** Seconds a client should wait before retrying when storage is failing. */
export const RETRY_AFTER_SECONDS = 30

/** 503 while KV fails or does not answer: nothing was (or stays) half-done, try again shortly. */
export function storageUnavailable(c: Context): Response {
  return problem(
    c,
    { title: 'Tạm thời không truy cập được kho dữ liệu', status: 503, detail: `Storage did not answer. Try again in ${RETRY_AFTER_SECONDS} seconds; a failed write was undone and is safe to repeat.` },
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  )
}
