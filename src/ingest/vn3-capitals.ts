/**
 * TCVN3 (VN3) has no capital toned letters: the ABC fonts drew capitals by switching to a capital font
 * over the same lower-case codes, so a VN3 text file says `BáO NAM ĐịNH` for `BÁO NAM ĐỊNH`. Restored
 * here where the text itself says so: in a word whose other letters are all capitals and that has at
 * least two of them (`ĐịNH`, glued ones too: `ToànBáO`), or, for a word with a single capital (`Tử`),
 * when at least two of the two words either side are such capital words and the adjacent ones are too
 * (`ĐIỆN Tử` → `ĐIỆN TỬ`, while `Sở TT và TT` stays). Lower case everywhere else is the file's own.
 */

/** The toned small letters VN3 has and whose capitals it lacks. */
const CASELESS = /[àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]/u

interface Token {
  text: string
  /** Has a capital and no small letter but CASELESS ones. */
  caps: boolean
  capitals: number
}

function token(text: string): Token {
  const letters = [...text]
  const capitals = letters.filter((c) => c !== c.toLowerCase()).length
  const caps = capitals > 0 && letters.every((c) => c === c.toUpperCase() || CASELESS.test(c))
  return { text, caps, capitals }
}

/** Words of one line, split where a small letter VN3 can capitalise meets a capital (`ToànBáO` → `Toàn`, `BáO`). */
function words(line: string): Array<{ start: number; token: Token }> {
  const out: Array<{ start: number; token: Token }> = []
  for (const match of line.matchAll(/[\p{L}\p{M}]+/gu)) {
    for (const part of match[0].matchAll(/.+?(?=(?<=[^\P{Ll}àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ])\p{Lu}|$)/gsu)) {
      if (part[0] !== '') out.push({ start: match.index + part.index, token: token(part[0]) })
    }
  }
  return out
}

function restoreLine(line: string): string {
  const list = words(line)
  let out = line
  list.forEach(({ start, token: t }, i) => {
    if (!t.caps || !CASELESS.test(t.text)) return
    const strong = (j: number) => list[j] !== undefined && list[j]!.token.caps && list[j]!.token.capitals >= 2
    const near = [i - 1, i + 1].filter((j) => list[j] !== undefined)
    const shout = t.capitals >= 2 || (near.every((j) => list[j]!.token.caps) && [i - 2, i - 1, i + 1, i + 2].filter(strong).length >= 2)
    if (shout) out = out.slice(0, start) + t.text.toUpperCase() + out.slice(start + t.text.length)
  })
  return out
}

export function restoreVn3Capitals(text: string): string {
  return text.split('\n').map(restoreLine).join('\n')
}
