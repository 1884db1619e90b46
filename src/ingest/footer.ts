/**
 * The masthead footer at the end of a dump (`Tổng biên tập: …`, `Tòa soạn: …`), read into fields and
 * compared with the configured masthead.
 */
import type { Masthead } from '../config/masthead'
import { slugify, squashSpace } from '../text/normalize'

/** One cleaned line of a dump and its 1-based number in the file. */
export interface Line {
  no: number
  text: string
}

/** The masthead as one dump's footer printed it; only the lines the footer had. */
export interface DumpFooter {
  /** The marker the footer starts with, e.g. `BÁO NAM ĐỊNH ĐIỆN TỬ`. */
  name: string
  editorInChief?: string
  deputyEditors?: string[]
  address?: string
  phone?: string
  email?: string
}

/** Footer labels by their slug, so `Tòa soạn`/`Toà soạn`/`TÒA SOẠN` all match. */
const FOOTER_FIELDS: Record<string, 'editorInChief' | 'deputyEditors' | 'address' | 'phone' | 'email'> = {
  'tong-bien-tap': 'editorInChief',
  'pho-tong-bien-tap': 'deputyEditors',
  'toa-soan': 'address',
  'dia-chi': 'address',
  'dien-thoai': 'phone',
  email: 'email',
  'e-mail': 'email',
}

/** Reads `Label: value` lines; one line may carry several, split by `;` (`Điện thoại: …; Email: …`). */
export function parseFooter(name: string, lines: Line[], warnings: string[]): DumpFooter {
  const footer: DumpFooter = { name }
  for (const line of lines) {
    for (const part of line.text.split(/\s*;\s*/u).filter(Boolean)) {
      const colon = part.indexOf(':')
      const field = colon > 0 ? FOOTER_FIELDS[slugify(part.slice(0, colon))] : undefined
      const value = part.slice(colon + 1).trim()
      if (!field || !value) {
        warnings.push(`line ${line.no}: footer line not understood: ${JSON.stringify(part)}`)
      } else if (field === 'deputyEditors') {
        footer.deputyEditors = value.split(/\s*,\s*|\s+và\s+/u).filter(Boolean)
      } else {
        footer[field] = value
      }
    }
  }
  return footer
}

export interface FooterDifference {
  field: 'editorInChief' | 'deputyEditors' | 'address' | 'phone' | 'email'
  /** null when the footer did not print this line. */
  footer: string | null
  masthead: string
}

const squash = (s: string) => squashSpace(s.normalize('NFC'))

/**
 * Where a dump's footer disagrees with the configured masthead: a sign the dump is from another
 * period (a new editor) or the configuration is stale. Phones compare by digits, emails by case.
 */
export function compareFooter(footer: DumpFooter, masthead: Masthead): FooterDifference[] {
  const same: Record<FooterDifference['field'], (a: string, b: string) => boolean> = {
    editorInChief: (a, b) => squash(a) === squash(b),
    deputyEditors: (a, b) => squash(a) === squash(b),
    address: (a, b) => squash(a) === squash(b),
    phone: (a, b) => a.replace(/\D/gu, '') === b.replace(/\D/gu, ''),
    email: (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase(),
  }
  const differences: FooterDifference[] = []
  for (const field of Object.keys(same) as FooterDifference['field'][]) {
    const ours = field === 'deputyEditors' ? masthead.deputyEditors.join(', ') : masthead[field]
    const theirs = field === 'deputyEditors' ? footer.deputyEditors?.join(', ') : footer[field]
    if (theirs === undefined || !same[field](theirs, ours)) differences.push({ field, footer: theirs ?? null, masthead: ours })
  }
  return differences
}
