import { slugify } from '../text/normalize'

/**
 * The paper's chuyên mục. An article may name one of these by slug or by name; a section not listed
 * here is accepted too (its slug comes from its name), so the newsroom can open a new one without a deploy.
 */
export const KNOWN_SECTIONS: ReadonlyArray<{ slug: string; name: string }> = [
  { slug: 'thoi-su', name: 'Thời sự' },
  { slug: 'chinh-tri', name: 'Chính trị' },
  { slug: 'kinh-te', name: 'Kinh tế' },
  { slug: 'xa-hoi', name: 'Xã hội' },
  { slug: 'van-hoa', name: 'Văn hóa' },
  { slug: 'the-thao', name: 'Thể thao' },
  { slug: 'doi-song', name: 'Đời sống' },
  { slug: 'giao-duc', name: 'Giáo dục' },
  { slug: 'tin-tuc', name: 'Tin tức' },
]

const DEFAULT_SECTION = { slug: 'tin-tuc', name: 'Tin tức' } as const

/** Resolves a section given by slug or by Vietnamese name to `{ slug, name }`. */
export function resolveSection(value: string | undefined): { slug: string; name: string } {
  if (!value?.trim()) return DEFAULT_SECTION
  const slug = slugify(value)
  const known = KNOWN_SECTIONS.find((s) => s.slug === slug)
  if (known) return known
  return { slug, name: value.trim().normalize('NFC') }
}
