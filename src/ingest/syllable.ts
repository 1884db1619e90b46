/**
 * Whether a word is a Vietnamese syllable, as written: one tone mark at most, on a vowel; circumflex,
 * breve and horn only where the alphabet has them (â ê ô, ă, ơ ư); an initial consonant, a vowel
 * nucleus and a final as Vietnamese spelling allows; lower case, Title case or ALL CAPS. The legacy
 * decoder counts such words to tell a right decoding from a wrong one (`Việt` vs `Viờũt` or `ViÖt`).
 */
const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'])
/** Combining mark → the letters it may sit on and what they become. */
const SHAPES: Record<string, Record<string, string>> = {
  '\u0302': { a: 'â', e: 'ê', o: 'ô' },
  '\u0306': { a: 'ă' },
  '\u031b': { o: 'ơ', u: 'ư' },
}
const SYLLABLE = /^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]{1,3}(?:ng|nh|ch|[cmnpt])?$/u

function wellCased(word: string): boolean {
  const rest = word.slice(1)
  return word === word.toLowerCase() || word === word.toUpperCase() || rest === rest.toLowerCase()
}

export function isVietnameseWord(word: string): boolean {
  const nfc = word.normalize('NFC')
  if (!wellCased(nfc)) return false
  let base = ''
  let tones = 0
  for (const ch of nfc.toLowerCase().normalize('NFD')) {
    if (TONES.has(ch)) {
      if (++tones > 1 || !/[aăâeêioôơuưy]$/u.test(base)) return false
      continue
    }
    const shape = SHAPES[ch]
    if (shape !== undefined) {
      const shaped = shape[base.at(-1) ?? '']
      if (shaped === undefined) return false
      base = base.slice(0, -1) + shaped
      continue
    }
    base += ch
  }
  return SYLLABLE.test(base)
}
