/** JSON Feed 1.1 validation with ajv against the schema written from the spec. */
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import schema from './jsonfeed-1.1.schema.json'

// strictRequired would reject the spec's "one of name, url, avatar" written as anyOf-required.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false })
addFormats(ajv)
const validate = ajv.compile(schema)

/** Asserts the text is a JSON Feed 1.1 document and returns it parsed. */
export function jsonFeed(text: string): Record<string, unknown> & { items: Record<string, unknown>[] } {
  const doc: unknown = JSON.parse(text)
  if (!validate(doc)) throw new Error(`not JSON Feed 1.1: ${ajv.errorsText(validate.errors)}`)
  return doc as Record<string, unknown> & { items: Record<string, unknown>[] }
}
