/**
 * A strict, namespace-aware XML 1.0 reading of a rendered feed, for exact assertions. saxes is a
 * conforming parser: illegal characters, `]]>` in text, `<` in attribute values, undeclared prefixes
 * and bad nesting are errors (fast-xml-parser's XMLValidator accepts all of those). Line ends are
 * normalised and entities and CDATA resolved as the XML spec says, so `text` is what any reader sees.
 */
import { SaxesParser } from 'saxes'

export interface XmlElement {
  /** Qualified name as written (`atom:link`). */
  name: string
  /** Namespace URI it resolves to. */
  uri: string
  local: string
  attributes: Record<string, string>
  children: XmlElement[]
  /** Concatenated character data (text and CDATA) directly inside this element. */
  text: string
}

export interface XmlDocument {
  root: XmlElement
  /** Everything before the root start tag (the XML declaration). */
  prolog: string
}

/** Parses or throws with every well-formedness error saxes reports. */
export function parseXml(xml: string): XmlDocument {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const errors: string[] = []
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  parser.on('error', (e) => errors.push(e.message))
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      uri: tag.uri,
      local: tag.local,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value])),
      children: [],
      text: '',
    }
    const parent = stack.at(-1)
    if (parent) parent.children.push(element)
    else root = element
    stack.push(element)
  })
  parser.on('text', (t) => {
    const top = stack.at(-1)
    if (top) top.text += t
  })
  parser.on('cdata', (t) => {
    const top = stack.at(-1)
    if (top) top.text += t
  })
  parser.on('closetag', () => void stack.pop())
  parser.write(xml).close()
  if (errors.length) throw new Error(`not well-formed XML:\n${errors.join('\n')}`)
  if (!root) throw new Error('no root element')
  return { root, prolog: xml.slice(0, xml.indexOf(`<${root.name}`)) }
}

/** Children with this qualified name. */
export function all(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name)
}

/** The one child with this qualified name; throws when there is none or more than one. */
export function one(element: XmlElement, name: string): XmlElement {
  const found = all(element, name)
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${name}>, expected 1`)
  return found[0]!
}

/** Text of the one child with this name. */
export function textOf(element: XmlElement, name: string): string {
  return one(element, name).text
}

/** Every element in document order. */
export function descendants(element: XmlElement): XmlElement[] {
  return element.children.flatMap((c) => [c, ...descendants(c)])
}

const HTML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'" }

/** What an HTML reader shows for escaped-HTML text (the entities escapeHtml writes, and numeric ones), in one pass. */
export function htmlToText(html: string): string {
  return html.replace(
    /&(lt|gt|quot|amp|#39|#\d+);/g,
    (whole, name: string) => HTML_ENTITIES[name] ?? (name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : whole),
  )
}
