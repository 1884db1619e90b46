/**
 * A dump's bytes to text. UTF-8 (a BOM is fine) and UTF-16 with a BOM are read as they are. Older
 * newsroom files come in the two 8-bit Vietnamese encodings of their day, which iconv-lite decodes:
 * - Windows-1258: base letters plus combining tone marks (`e` + U+0301), composed here to NFC;
 * - TCVN 5712:1993 ("TCVN3", the ABC fonts): VN3, its common subset, has no capital toned letters (a
 *   capital font drew the lower-case codes), so capitals are restored in all-caps words
 *   (vn3-capitals.ts); VN1, the full set, has them (bytes 0x80–0x9F and a few C0 positions).
 * The encoding is recognised only when the decoded text reads as Vietnamese (every non-ASCII word a
 * Vietnamese syllable, no stray symbols); anything else is refused with the line of the first byte
 * that is not UTF-8. Valid UTF-8 is always read as UTF-8, never second-guessed.
 */
import iconv from 'iconv-lite'
import { isVietnameseWord } from './syllable'
import { restoreVn3Capitals } from './vn3-capitals'

type DumpEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1258' | 'TCVN3 (VN3)' | 'TCVN 5712:1993 (VN1)'

export type Decoded = { ok: true; text: string; encoding: DumpEncoding } | { ok: false; line: number; reason: string }

/** C0 controls a text file may hold: tab, line feed, form feed, carriage return. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d])
/** C0 positions where VN1 puts capitals (Ú Ụ Ừ Ử Ữ Ứ Ự Ỳ Ỷ Ỹ Ý Ỵ). */
const VN1_CONTROLS = new Set([0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17])
/** Bytes VN1 uses and VN3 does not: capitals and composing marks in 0x80–0x9F and the gaps of 0xA0–0xFF. */
const VN1_ONLY = new Set([
  ...Array.from({ length: 32 }, (_, i) => 0x80 + i),
  0xaf,
  0xb0,
  0xb1,
  0xb2,
  0xb3,
  0xb4,
  0xba,
  0xbf,
  0xc0,
  0xc1,
  0xc2,
  0xc3,
  0xc4,
  0xc5,
  0xcd,
  0xd9,
  0xda,
  0xdb,
  0xe0,
  0xf0,
  0xff,
  ...VN1_CONTROLS,
])
/** Non-letters an 8-bit Vietnamese text may well contain; any other non-ASCII symbol counts against it. */
const PUNCTUATION =
  /^[\u00a0\u00ab\u00bb\u00b0\u00b1\u00b7\u00d7\u00f7\u00a9\u00ae\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u20ab\u20ac\u2122]$/u

/** How Vietnamese a decoding reads: non-ASCII words that are syllables, against words and symbols that are not. */
export function vietnameseEvidence(text: string): { good: number; bad: number } {
  let good = 0
  let bad = 0
  for (const [token] of text.matchAll(/[\p{L}\p{M}]+|[^\p{L}\p{M}\s\x00-\x7f]/gu)) {
    if (/^[\x00-\x7f]+$/u.test(token)) continue
    if (/^[\p{L}\p{M}]/u.test(token)) {
      if (isVietnameseWord(token)) good++
      else bad++
    } else if (!PUNCTUATION.test(token)) bad++
  }
  return { good, bad }
}

/** Enough Vietnamese words, and at most one word in twenty that is not (a foreign name, a typo). */
const plausible = ({ good, bad }: { good: number; bad: number }) => good >= 3 && bad * 20 <= good

function legacy(bytes: Uint8Array): { text: string; encoding: DumpEncoding } | null {
  if (bytes.some((b) => b < 0x20 && !TEXT_CONTROLS.has(b) && !VN1_CONTROLS.has(b)) || bytes.includes(0x7f)) return null
  const candidates: Array<{ text: string; encoding: DumpEncoding }> = []
  if (!bytes.some((b) => VN1_CONTROLS.has(b))) {
    const text = iconv.decode(bytes, 'windows1258')
    if (!text.includes('\uFFFD')) candidates.push({ text: text.normalize('NFC'), encoding: 'Windows-1258' })
  }
  const vn1 = bytes.some((b) => VN1_ONLY.has(b))
  const tcvn = iconv.decode(bytes, 'tcvn').normalize('NFC')
  candidates.push(vn1 ? { text: tcvn, encoding: 'TCVN 5712:1993 (VN1)' } : { text: restoreVn3Capitals(tcvn), encoding: 'TCVN3 (VN3)' })
  const scored = candidates.map((c) => ({ ...c, evidence: vietnameseEvidence(c.text) })).filter((c) => plausible(c.evidence))
  scored.sort((a, b) => b.evidence.good - 20 * b.evidence.bad - (a.evidence.good - 20 * a.evidence.bad))
  const best = scored[0]
  return best ? { text: best.text, encoding: best.encoding } : null
}

/** 1-based line of the first byte that is not UTF-8. */
function firstBadLine(bytes: Uint8Array): number {
  const loose = new TextDecoder('utf-8').decode(bytes)
  return loose.slice(0, loose.indexOf('\uFFFD')).split('\n').length
}

export function decodeDump(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16LE' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16BE' }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'UTF-8' }
  } catch {
    const found = legacy(bytes)
    if (found) return { ok: true, ...found }
    return {
      ok: false,
      line: firstBadLine(bytes),
      reason: 'not valid UTF-8, nor Vietnamese text in Windows-1258 or TCVN3: save the dump as UTF-8',
    }
  }
}
