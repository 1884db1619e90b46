import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** One field at fault and why (the `errors` member of a problem). */
export interface FieldFault {
  field: string
  reason: string
}

export interface ProblemInit {
  status: ContentfulStatusCode
  /** Short, Vietnamese, the same for every occurrence of the problem. */
  title: string
  /** This occurrence, for the client; never internals. */
  detail?: string
  /** Every field at fault (our extension member). */
  errors?: FieldFault[]
  /** Headers the answer carries, e.g. Retry-After, Allow, WWW-Authenticate. */
  headers?: Record<string, string>
  /** Further members of the problem body, e.g. a batch's results. */
  extensions?: Record<string, unknown>
  cause?: unknown
}

/**
 * An error answered as RFC 9457 problem details, as Hono's HTTPException is answered with its response:
 * code anywhere below a route throws one (each kind a subclass in this folder), and app.onError turns
 * it into the `application/problem+json` response (src/http/problem.ts). Its message is for the log.
 */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode
  readonly title: string
  readonly detail: string | undefined
  readonly errors: FieldFault[] | undefined
  readonly headers: Record<string, string>
  readonly extensions: Record<string, unknown>

  constructor(init: ProblemInit, message = init.detail ?? init.title) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = new.target.name
    this.status = init.status
    this.title = init.title
    this.detail = init.detail
    this.errors = init.errors
    this.headers = init.headers ?? {}
    this.extensions = init.extensions ?? {}
  }
}
