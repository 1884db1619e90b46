/**
 * feed's root start tag declares only the namespaces of feed's own elements, and those only when it wrote
 * one (`xmlns:dc`/`xmlns:content` when an item has content, so never on a channel rendered without items);
 * Atom's has no `xml:lang`. Adds each attribute the tag does not have yet. Nothing user-written comes
 * before the root's first `>` (only the XML declaration), so the first `<${root}` is the root.
 */
export function addRootAttributes(xml: string, root: string, attributes: Record<string, string>): string {
  const open = xml.indexOf(`<${root} `)
  const close = xml.indexOf('>', open)
  if (open < 0 || close < 0) throw new Error(`feed output has no <${root}> root`)
  let tag = xml.slice(open, close)
  for (const [name, value] of Object.entries(attributes)) {
    // Values are constants of ours (namespace URIs, a language tag): nothing to escape.
    if (!tag.includes(` ${name}="`)) tag += ` ${name}="${value}"`
  }
  return xml.slice(0, open) + tag + xml.slice(close)
}
