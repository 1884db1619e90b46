import { js2xml, type ElementCompact } from 'xml-js'

const INDENT = '    '

/**
 * feed's Atom writer has no extension hook (its RSS and JSON writers have one): our elements of a
 * `<feed>` or an `<entry>` go in right before its end tag, serialised as feed serialises its own (xml-js,
 * 4 spaces a level; `depth` is the children's level). Values in `children` must already be encoded
 * (XmlValues tokens), as for anything handed to feed.
 */
export function appendChildren(xml: string, endTag: string, children: ElementCompact, depth: number): string {
  if (Object.keys(children).length === 0) return xml
  const at = xml.lastIndexOf(`\n${INDENT.repeat(depth - 1)}${endTag}`)
  if (at < 0) throw new Error(`feed output has no ${endTag}`)
  return xml.slice(0, at) + xmlChildren(children, depth) + xml.slice(at)
}

/** xml-js compact children at `depth`, each on a line of its own. Tokens hold no line break, so re-indenting is safe. */
function xmlChildren(children: ElementCompact, depth: number): string {
  const wrapped = js2xml({ _: children }, { compact: true, spaces: INDENT.length })
  const inner = wrapped.slice('<_>'.length, wrapped.lastIndexOf('\n</_>'))
  return depth === 1 ? inner : inner.replaceAll('\n', `\n${INDENT.repeat(depth - 1)}`)
}
