/**
 * Item templates. The writers tell feed every value of an item as a token (./repairs/xml-escaping.ts,
 * ./repairs/json-feed.ts, tokenDate in ./repairs/dates.ts), so what feed writes for an item depends on its
 * shape only (which elements, how many of each), never on its text, and every item of one shape shares it.
 * feed costs tens of µs an item (its XML writer walks every element; a few times that in workerd) and a
 * fresh isolate's first page has all its items to render: each shape is rendered by feed once per isolate,
 * and each item is its shape's template with its own values put in, straight into UTF-8.
 *
 * A template is found by its spec's JSON: everything feed (and a writer's repairs) is told of the item.
 */
import type { FeedWriter } from './writer'
import type { ItemView } from './view'

/** A template cut at its tokens: UTF-8 pieces of the output and, between each two, a token's number. */
interface Template {
  pieces: Uint8Array[]
  numbers: number[]
}

/** Shapes seen in this isolate; a page has a handful, so the bound is only a guard. */
const templates = new Map<string, Template>()
const MAX_TEMPLATES = 1000

const utf8 = new TextEncoder()

/** `undefined` is left out of JSON, where feed would print an attribute or key differently: keep it apart. */
const specKey = (format: string, spec: unknown) =>
  `${format}|${JSON.stringify(spec, (_, v: unknown) => (v === undefined ? '\u0000undefined' : v))}`

function compile(output: string, token: RegExp): Template {
  const pieces: Uint8Array[] = []
  const numbers: number[] = []
  let from = 0
  for (const match of output.matchAll(token)) {
    pieces.push(utf8.encode(output.slice(from, match.index)))
    numbers.push(Number(match.slice(1).find((n) => n !== undefined)))
    from = match.index + match[0].length
  }
  pieces.push(utf8.encode(output.slice(from)))
  return { pieces, numbers }
}

/** Where items are assembled: reused, so an item costs one copy of its bytes (grown for a bigger item). */
let scratch = new Uint8Array(64 * 1024)

/** The template with `values` in, as UTF-8 (a UTF-16 code unit takes at most 3 bytes). */
function fill({ pieces, numbers }: Template, values: readonly string[]): Uint8Array<ArrayBuffer> {
  const texts = numbers.map((n) => {
    const value = values[n]
    if (value === undefined) throw new Error(`item template has token ${n}, the item ${values.length} values`)
    return value
  })
  const bound = pieces.reduce((sum, piece) => sum + piece.byteLength, 0) + texts.reduce((sum, text) => sum + 3 * text.length, 0)
  if (scratch.byteLength < bound) scratch = new Uint8Array(Math.max(bound, 2 * scratch.byteLength))
  let at = 0
  texts.forEach((text, i) => {
    const piece = pieces[i] as Uint8Array
    scratch.set(piece, at)
    at += piece.byteLength
    at += utf8.encodeInto(text, scratch.subarray(at)).written
  })
  const last = pieces[texts.length] as Uint8Array
  scratch.set(last, at)
  return scratch.slice(0, at + last.byteLength)
}

/** Each view's item as UTF-8, in order: shapes not seen before rendered by feed together, once. */
export function renderItems<Spec>(writer: FeedWriter<Spec>, views: ItemView[]): Uint8Array<ArrayBuffer>[] {
  if (templates.size >= MAX_TEMPLATES) templates.clear()
  const drafts = views.map((view) => writer.draft(view))
  const keys = drafts.map((draft) => specKey(writer.format, draft.spec))
  const missing = new Map<string, Spec>()
  drafts.forEach((draft, i) => {
    const key = keys[i] as string
    if (!templates.has(key)) missing.set(key, draft.spec)
  })
  if (missing.size) {
    const outputs = writer.render([...missing.values()])
    if (outputs.length !== missing.size) throw new Error(`${writer.format}: ${missing.size} items rendered as ${outputs.length}`)
    ;[...missing.keys()].forEach((key, i) => templates.set(key, compile(outputs[i] as string, writer.token)))
  }
  return drafts.map((draft, i) => fill(templates.get(keys[i] as string) as Template, draft.values))
}

/** Forgets every template (a fresh isolate has none; the benchmarks measure one). */
export function forgetTemplates(): void {
  templates.clear()
}
