/**
 * Writes text the way old Vietnamese newsroom tools saved it, with iconv-lite's encoders: what the
 * legacy-encoding tests feed the decoder, and what scripts/legacy-samples.ts commits as sample dumps.
 */
import iconv from 'iconv-lite'

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/u

/**
 * Windows-1258 as Windows writes it: a letter the code page lacks precomposed (`ế`) becomes its base
 * with circumflex, breve or horn (`ê`) followed by a combining tone mark (U+0301).
 */
export function toWindows1258(text: string): Uint8Array {
  const parts = [...text.normalize('NFC')].map((ch) => {
    const direct = iconv.encode(ch, 'windows1258')
    if (ch === '?' || direct[0] !== 0x3f) return direct
    const nfd = ch.normalize('NFD')
    const tone = [...nfd].filter((c) => TONES.test(c)).join('')
    const base = [...nfd]
      .filter((c) => !TONES.test(c))
      .join('')
      .normalize('NFC')
    return iconv.encode(base + tone, 'windows1258')
  })
  return new Uint8Array(Buffer.concat(parts))
}

/** TCVN has no typographic quotes or dashes: tools of the day typed the ASCII ones. */
export function tcvnTypography(text: string): string {
  return text.replace(/[“”]/gu, '"').replace(/[‘’]/gu, "'").replace(/[–—]/gu, '-').replace(/…/gu, '...')
}

/** Toned capitals VN3 lacks, written as the small letters an ABC capital font drew them with. */
function vn3Letters(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => (ch !== ch.toLowerCase() && TONES.test(ch.normalize('NFD')) ? ch.toLowerCase() : ch))
    .join('')
}

/**
 * TCVN 5712:1993: `VN3` is the ABC fonts' subset (TCVN3), whose files never use VN1's extra bytes;
 * `VN1` is the full set, with every capital.
 */
export function toTcvn(text: string, variant: 'VN3' | 'VN1'): Uint8Array {
  const typed = tcvnTypography(text.normalize('NFC'))
  return new Uint8Array(iconv.encode(variant === 'VN3' ? vn3Letters(typed) : typed, 'tcvn'))
}
