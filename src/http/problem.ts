/**
 * The one error path: handlers and everything below them throw (src/errors/), and app.onError answers
 * here with RFC 9457 problem details. Internals never reach the client; the log keeps them.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { InvalidInput } from '../errors/invalid-input'
import { NotFound } from '../errors/not-found'
import { ProblemError } from '../errors/problem-error'
import { errorMessage } from '../utils/error-message'

const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

/** The problem's response: never cached, always naming the path as its instance. */
function problemResponse(c: Context, problem: ProblemError): Response {
  const body = {
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    ...(problem.detail !== undefined && { detail: problem.detail }),
    ...(problem.errors && { errors: problem.errors }),
    ...problem.extensions,
    instance: new URL(c.req.url).pathname,
  }
  return c.body(JSON.stringify(body), problem.status, {
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Cache-Control': 'no-store',
    ...problem.headers,
  })
}

const UNEXPECTED = new ProblemError({ status: 500, title: 'Lỗi máy chủ', detail: 'Đã có lỗi bất ngờ; vui lòng thử lại sau.' })

/** What the client is told of an error: its own problem, or a bare 500 for anything unforeseen. */
function asProblem(error: unknown): ProblemError | null {
  if (error instanceof ProblemError) return error
  // Hono's validator throws this for a body that is not JSON; never echo the body (or its parse error).
  if (error instanceof HTTPException && error.status === 400)
    return new InvalidInput([{ field: '(body)', reason: 'is not valid JSON' }], 'JSON không hợp lệ')
  return null
}

/** The problem an error is answered with (its own, or a bare 500), logged when it is the server's fault. */
export function problemFor(error: unknown, c: Context): ProblemError {
  const problem = asProblem(error)
  if (!problem || problem.status >= 500) {
    const kind = problem ? problem.name : 'unhandled error'
    console.error(kind, c.req.method, new URL(c.req.url).pathname, errorMessage(error))
  }
  return problem ?? UNEXPECTED
}

/** app.onError: the problem response of any error. */
export function onError(error: unknown, c: Context): Response {
  return problemResponse(c, problemFor(error, c))
}

/** app.notFound: no route matched. */
export function onNotFound(c: Context): Response {
  return problemResponse(c, new NotFound())
}
