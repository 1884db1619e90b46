/**
 * The --url target: batches through the admin API of a running service. Every answer is checked to
 * account for each article sent (readBatchAnswer); one that does not stops the run (exit 2). Batches are
 * sized by the server's limits (src/config/batch.ts): the defaults until a 413 names the ones the server
 * was deployed with; a 413 that names none (the KV budget) splits the batch in halves. An article too
 * large for any batch goes on its own through PUT, the route for one article.
 */
import { keepLegacyIds, type Pending } from '../../src/articles/ids'
import { DEFAULT_BATCH_LIMITS, type BatchLimits } from '../../src/config/batch'
import { articleToInput, batches, readBatchAnswer } from '../../src/ingest/importer'
import { FatalError, type Target, type Written } from './targets'

/** A request with retries: writes are idempotent (explicit ids), so a lost connection or a 5xx is safe to send again. */
async function request(url: URL, token: string, method: 'GET' | 'POST' | 'PUT', body?: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined
    try {
      response = await fetch(url, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
        ...(body !== undefined && { body }),
      })
    } catch (error) {
      if (attempt >= 3) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
        throw new FatalError(`cannot reach ${url.origin} (${cause}): is the service running (npm start)?`)
      }
    }
    if (response && (response.status < 500 || attempt >= 3)) return response
    await response?.body?.cancel()
    await new Promise((r) => setTimeout(r, 1_000 * attempt))
  }
}

const REFUSALS: Record<number, string> = {
  401: 'the server refused the token (401): check --token / ADMIN_TOKEN',
  503: 'the server has no admin token configured (503): start it with ADMIN_TOKEN=… npm start',
  404: 'no admin API there (404): is --url the vnfeeds service?',
}

/** The body of an answer, when it is JSON. */
async function jsonOf(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text())
  } catch {
    return null
  }
}

/** The batch limits a 413 names (BatchTooLarge), when it names them. */
function limitsOf(body: unknown): BatchLimits | undefined {
  const { maxArticles, maxBytes } = (body ?? {}) as { maxArticles?: unknown; maxBytes?: unknown }
  return Number.isInteger(maxArticles) && Number.isInteger(maxBytes) && (maxArticles as number) > 0
    ? { maxArticles: maxArticles as number, maxBytes: maxBytes as number }
    : undefined
}

const detailOf = (body: unknown) => {
  const { detail, errors } = (body ?? {}) as { detail?: unknown; errors?: Array<{ field?: unknown; reason?: unknown }> }
  const faults = Array.isArray(errors) ? errors.map((e) => `${String(e?.field)}: ${String(e?.reason)}`).join('; ') : ''
  return faults || (typeof detail === 'string' ? detail : '')
}

type Input = { item: Pending; json: string }

export function urlTarget(url: URL, token: string, siteUrl: string): Target {
  const endpoint = new URL('/api/articles', url)
  let limits: BatchLimits = DEFAULT_BATCH_LIMITS
  // A body is `[` + the elements joined by commas + `]`: each element counts its own byte after it.
  const groupsOf = (inputs: Input[]) => batches(inputs, limits.maxArticles, limits.maxBytes - 1, (g) => Buffer.byteLength(g.json) + 1)
  const fitsNoBatch = (input: Input) => Buffer.byteLength(input.json) + 2 > limits.maxBytes

  async function sendAll(inputs: Input[]): Promise<Written[]> {
    const out: Written[] = []
    for (const group of groupsOf(inputs)) out.push(...(await send(group)))
    return out
  }

  async function send(group: Input[]): Promise<Written[]> {
    if (group.length === 1 && fitsNoBatch(group[0] as Input)) return [await putOne((group[0] as Input).item)]
    const response = await request(endpoint, token, 'POST', `[${group.map((g) => g.json).join(',')}]`)
    const body = await jsonOf(response)
    if (response.status === 413) {
      const named = limitsOf(body)
      if (named && (named.maxArticles < limits.maxArticles || named.maxBytes < limits.maxBytes)) {
        limits = named
        return sendAll(group)
      }
      if (group.length === 1) {
        const detail = detailOf(body)
        return [{ status: 'rejected', reason: `the server refused it as too large (413)${detail && `: ${detail}`}` }]
      }
      const half = Math.ceil(group.length / 2)
      return [...(await send(group.slice(0, half))), ...(await send(group.slice(half)))]
    }
    const detail = (body as { detail?: unknown } | null)?.detail
    if (!Array.isArray((body as { results?: unknown } | null)?.results))
      throw new FatalError(
        REFUSALS[response.status] ??
          `the server answered ${response.status}${typeof detail === 'string' ? `: ${detail}` : ' without a results list'}`,
      )
    const answer = readBatchAnswer(
      body,
      group.map(({ item }) => ({ id: item.article.id, ...(item.legacyId !== undefined && { legacyId: item.legacyId }) })),
    )
    if (!answer.ok)
      throw new FatalError(
        `the server's answer (${response.status}) does not account for every article sent: ${answer.problems.slice(0, 5).join('; ')}`,
      )
    return answer.fates.map((f) =>
      f.status === 'rejected' ? { status: 'rejected', reason: `server refused it (${f.code}): ${f.reason}` } : f,
    )
  }

  /** Whether the server holds an article under `id`. */
  async function exists(id: string): Promise<boolean> {
    const response = await request(new URL(`/api/articles/${id}`, url), token, 'GET')
    await response.body?.cancel()
    if (response.status === 200 || response.status === 404) return response.status === 200
    throw new FatalError(REFUSALS[response.status] ?? `the server answered ${response.status} to GET /api/articles/${id}`)
  }

  /**
   * One article through PUT /api/articles/:id, which takes up to ARTICLE_BODY_LIMIT: moved onto its
   * legacy id first when that is where the server holds it, as the batch route would have done.
   */
  async function putOne(item: Pending): Promise<Written> {
    const [{ article }] = (await keepLegacyIds([item], exists, siteUrl)) as [Pending]
    const response = await request(
      new URL(`/api/articles/${article.id}`, url),
      token,
      'PUT',
      JSON.stringify(articleToInput(article, siteUrl)),
    )
    const body = await jsonOf(response)
    if (response.status === 200 || response.status === 201)
      return { status: response.status === 201 ? 'imported' : 'replaced', id: article.id }
    if (REFUSALS[response.status]) throw new FatalError(REFUSALS[response.status] as string)
    return { status: 'rejected', reason: `server refused it (${response.status}): ${detailOf(body)}` }
  }

  return {
    chunk: DEFAULT_BATCH_LIMITS.maxArticles,
    write: (items) =>
      sendAll(
        items.map((item) => ({
          item,
          json: JSON.stringify({
            ...articleToInput(item.article, siteUrl),
            ...(item.legacyId !== undefined && { legacyId: item.legacyId }),
          }),
        })),
      ),
    close: async () => {},
  }
}
