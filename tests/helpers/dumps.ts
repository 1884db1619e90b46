/**
 * Newsroom dumps written for the importer tests, in the CMS's format: title, date line, paragraphs,
 * a caption printed twice, the byline glued to the footer marker, the masthead footer. Plain strings,
 * so both the workerd tests and the Node-side CLI tests use them.
 */
const FOOTER = [
  'Tổng biên tập: Phạm Văn Trường',
  'Phó Tổng biên tập: Trần Vân Anh, Nguyễn Thị Thu Thủy',
  'Tòa soạn: Số 68 Trần Phú, TP Nam Định, tỉnh Nam Định',
  'Điện thoại: 0228.3849386; Email: toasoanbnd@gmail.com',
]

export interface DumpSpec {
  title: string
  date: string
  paragraphs?: string[]
  caption?: string
  byline?: string
  /** `glued` (the CMS's way), `own-line` (byline, then the marker on the next line), or `none`. */
  footer?: 'glued' | 'own-line' | 'none'
}

export function dump(spec: DumpSpec): string {
  const lines = [spec.title, '', spec.date, '']
  const paragraphs = spec.paragraphs ?? [
    `Sáng nay, ${spec.title.toLowerCase()} diễn ra tại thành phố Nam Định với sự tham dự của đông đảo người dân.`,
    'Hoạt động sẽ tiếp tục trong những ngày tới./.',
  ]
  paragraphs.forEach((p, i) => {
    lines.push(p, '')
    if (i === 0 && spec.caption) lines.push(spec.caption, spec.caption, '')
  })
  const footer = spec.footer ?? 'glued'
  if (footer === 'none') {
    if (spec.byline) lines.push(spec.byline)
    return `${lines.join('\n')}\n`
  }
  if (footer === 'glued') lines.push(`${spec.byline ?? ''}BÁO NAM ĐỊNH ĐIỆN TỬ`)
  else lines.push(...(spec.byline ? [spec.byline, ''] : []), 'BÁO NAM ĐỊNH ĐIỆN TỬ')
  for (const f of FOOTER) lines.push('', f)
  return `${lines.join('\n')}\n`
}

/** Every byline form the newsroom writes, and the authors (name, role) and source it must give. */
export const BYLINES: Array<{ byline: string; authors: Array<[string, string]>; source?: string }> = [
  { byline: 'Tin, ảnh: Đức Toàn', authors: [['Đức Toàn', 'text+photo']] },
  {
    byline: 'Tin: Minh Hằng - Ảnh: Viết Dư',
    authors: [
      ['Minh Hằng', 'text'],
      ['Viết Dư', 'photo'],
    ],
  },
  { byline: 'Bài và ảnh: Thanh Thúy', authors: [['Thanh Thúy', 'text+photo']] },
  { byline: 'Bài, ảnh: Quang Hưng', authors: [['Quang Hưng', 'text+photo']] },
  { byline: 'Ảnh: Trường Giang', authors: [['Trường Giang', 'photo']] },
  { byline: 'Hoàng Anh (tổng hợp)', authors: [['Hoàng Anh', 'compiled']] },
  { byline: 'Văn Đông', authors: [['Văn Đông', 'text']] },
  { byline: 'Ban Kinh tế', authors: [['Ban Kinh tế', 'text']] },
  { byline: 'Minh Hằng (theo TTXVN)', authors: [['Minh Hằng', 'text']], source: 'TTXVN' },
  { byline: 'PV - Theo VOV', authors: [['PV', 'text']], source: 'VOV' },
  { byline: 'Theo Báo Nhân Dân', authors: [], source: 'Báo Nhân Dân' },
  { byline: 'Nguồn: VOV', authors: [], source: 'VOV' },
]

/** As Windows tools save it: CRLF line ends and a UTF-8 BOM. */
export const crlfBom = (text: string) => `\uFEFF${text.replace(/\n/g, '\r\n')}`
