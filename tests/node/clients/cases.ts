import type { ArticleInput } from '../../../src/articles/schema'

/**
 * The articles that trip real feed readers (issue 9), each with what a reader must show for it. Expectations
 * are written from the newsroom's intent, not from today's output: the exact title, the first writer as the
 * author, the instant in UTC (worked out by hand from Vietnam time, UTC+7), the photo, the section's name.
 */
export interface HardCase {
  key: string
  input: ArticleInput & { id: string }
  expect: {
    title: string
    /** The writers in byline order; none for a story that names no person (the paper's name at most). */
    writers: string[]
    /** ISO instant in UTC. */
    published: string
    /** The photo's URL, or undefined when the story has no photo (a caption alone is not a photo). */
    image: string | undefined
    section: string
  }
}

export const PAPER = 'Báo Nam Định điện tử'

const PHOTO = 'https://baonamdinh.vn/uploads/2016/04/khai-mac-cup-bao-nam-dinh.jpg'
const body = { paragraphs: ['Nội dung bài viết.'] }

export const CASES: HardCase[] = [
  {
    key: 'tricky title',
    input: {
      id: 'du-bao-ret',
      ...body,
      section: 'Đời sống',
      byline: 'Tin: Thanh Hà',
      published: '08:04, 01/04/2016',
      title: `Dự báo <10°C & mưa "to" ở Nam Định's đồng bằng`,
    },
    expect: {
      title: `Dự báo <10°C & mưa "to" ở Nam Định's đồng bằng`,
      writers: ['Thanh Hà'],
      published: '2016-04-01T01:04:00.000Z',
      image: undefined,
      section: 'Đời sống',
    },
  },
  {
    key: 'markup-like title',
    input: {
      id: 'the-img-br',
      ...body,
      section: 'Giáo dục',
      byline: 'Tin: Thanh Hà',
      published: '07:30, 01/04/2016',
      title: 'Đề thi tin học hỏi về thẻ <img> và <br>',
    },
    expect: {
      title: 'Đề thi tin học hỏi về thẻ <img> và <br>',
      writers: ['Thanh Hà'],
      published: '2016-04-01T00:30:00.000Z',
      image: undefined,
      section: 'Giáo dục',
    },
  },
  {
    key: 'text+photo byline, photo with caption',
    input: {
      id: 'khai-mac-cup',
      ...body,
      section: 'Thể thao',
      byline: 'Tin: Đức Toàn - Ảnh: Viết Dư',
      published: '15:30, 02/04/2016',
      title: 'Khai mạc giải bóng đá thiếu niên tỉnh "Cúp Báo Nam Định" năm 2016',
      image: { url: PHOTO, caption: 'Các đội bóng diễu hành tại lễ khai mạc.' },
    },
    expect: {
      title: 'Khai mạc giải bóng đá thiếu niên tỉnh "Cúp Báo Nam Định" năm 2016',
      writers: ['Đức Toàn'],
      published: '2016-04-02T08:30:00.000Z',
      image: PHOTO,
      section: 'Thể thao',
    },
  },
  {
    key: 'two writers',
    input: {
      id: 'hai-tac-gia',
      ...body,
      section: 'Đời sống',
      byline: 'Tin: Ngọc Lan và Đức Toàn',
      published: '09:00, 03/04/2016',
      title: 'Chợ quê ngày giáp Tết',
    },
    expect: {
      title: 'Chợ quê ngày giáp Tết',
      writers: ['Ngọc Lan', 'Đức Toàn'],
      published: '2016-04-03T02:00:00.000Z',
      image: undefined,
      section: 'Đời sống',
    },
  },
  {
    key: 'desk byline',
    input: {
      id: 'ban-kinh-te',
      ...body,
      section: 'Kinh tế',
      byline: 'Ban Kinh tế',
      published: '10:15, 04/04/2016',
      title: 'Giá lúa tăng nhẹ trong tuần',
    },
    expect: {
      title: 'Giá lúa tăng nhẹ trong tuần',
      writers: ['Ban Kinh tế'],
      published: '2016-04-04T03:15:00.000Z',
      image: undefined,
      section: 'Kinh tế',
    },
  },
  {
    key: 'no byline',
    input: { id: 'khong-ky-ten', ...body, section: 'Đời sống', published: '11:00, 05/04/2016', title: 'Lịch cắt điện tuần tới' },
    expect: { title: 'Lịch cắt điện tuần tới', writers: [], published: '2016-04-05T04:00:00.000Z', image: undefined, section: 'Đời sống' },
  },
  {
    key: 'caption without photo',
    input: {
      id: 'chu-thich-khong-anh',
      ...body,
      section: 'Đời sống',
      byline: 'Tin: Thu Trang',
      published: '14:20, 06/04/2016',
      title: 'Làng nghề dệt vải vào vụ',
      image: { caption: 'Ảnh minh họa' },
    },
    expect: {
      title: 'Làng nghề dệt vải vào vụ',
      writers: ['Thu Trang'],
      published: '2016-04-06T07:20:00.000Z',
      image: undefined,
      section: 'Đời sống',
    },
  },
  {
    key: 'one minute before midnight',
    input: {
      id: 'truoc-nua-dem',
      ...body,
      section: 'Thời sự',
      byline: 'Tin: Hoàng Long',
      published: '23:59, 31/12/2016',
      title: 'Phút cuối năm 2016',
    },
    expect: {
      title: 'Phút cuối năm 2016',
      writers: ['Hoàng Long'],
      published: '2016-12-31T16:59:00.000Z',
      image: undefined,
      section: 'Thời sự',
    },
  },
  {
    key: 'one minute after midnight',
    input: {
      id: 'sau-nua-dem',
      ...body,
      section: 'Đời sống',
      byline: 'Tin: Hoàng Long',
      published: '00:01, 01/01/2017',
      title: 'Phút đầu năm 2017',
    },
    expect: {
      title: 'Phút đầu năm 2017',
      writers: ['Hoàng Long'],
      published: '2016-12-31T17:01:00.000Z',
      image: undefined,
      section: 'Đời sống',
    },
  },
  {
    key: 'source attribution',
    input: {
      id: 'theo-ttxvn',
      ...body,
      section: 'Thời sự',
      byline: 'Theo TTXVN',
      published: '16:45, 07/04/2016',
      title: 'Thủ tướng làm việc với tỉnh Nam Định',
    },
    expect: {
      title: 'Thủ tướng làm việc với tỉnh Nam Định',
      writers: [],
      published: '2016-04-07T09:45:00.000Z',
      image: undefined,
      section: 'Thời sự',
    },
  },
]

/** The feeds the matrix reads: the site feed, a diacritic section, and a writer of a text+photo story. */
export const SCOPES: ReadonlyArray<{ name: string; path: string; has: (c: HardCase) => boolean }> = [
  { name: 'site', path: '', has: () => true },
  { name: 'section Đời sống', path: '/chuyen-muc/doi-song', has: (c) => c.expect.section === 'Đời sống' },
  { name: 'author Đức Toàn', path: '/tac-gia/duc-toan', has: (c) => c.input.byline?.includes('Đức Toàn') === true },
]

export const FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const
export type Format = keyof typeof FILES
