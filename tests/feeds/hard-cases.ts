import type { Article, ArticleAuthor } from '../../src/articles/model'
import { article, local } from '../../fixtures/feed'

const person = (name: string, slug: string, role: ArticleAuthor['role']): ArticleAuthor => ({ name, slug, role })

/**
 * Articles that show what readers get wrong (issue 9), newest first: markup-like and quoted titles, a
 * writer with a photographer, two writers, a desk, no byline, a source, a photo with a caption, captions
 * without a photo, diacritic sections, times near midnight.
 */
export function hardCases(): Article[] {
  return [
    article({
      id: '2017-01-01-mua-to',
      title: '<10°C & mưa "to"',
      summary: 'Nhiệt độ <10°C & mưa "to" kéo dài; người dân nên mặc ấm.',
      published: local('00:20, 01/01/2017'),
      section: { slug: 'thoi-su', name: 'Thời sự' },
      authors: [person('Minh Hằng', 'minh-hang', 'text'), person('Viết Dư', 'viet-du', 'photo')],
      image: {
        url: 'https://baonamdinh.vn/file/2017/mua-to.jpg',
        type: 'image/jpeg',
        length: 48_213,
        caption: 'Mưa lớn trên đường Trần Hưng Đạo, TP Nam Định.',
      },
      rev: 'hard-1',
    }),
    article({
      id: '2016-12-31-cup-bao-nam-dinh',
      title: 'Khai mạc giải bóng đá thiếu niên tỉnh "Cúp Báo Nam Định" năm 2016',
      published: local('23:59, 31/12/2016'),
      section: { slug: 'the-thao', name: 'Thể thao' },
      authors: [person('Thanh Thúy', 'thanh-thuy', 'text'), person('Quốc Khánh', 'quoc-khanh', 'text')],
      image: { url: 'https://baonamdinh.vn/file/2016/cup.png?w=800&h=600', caption: 'Lễ khai mạc "Cúp Báo Nam Định".' },
      rev: 'hard-2',
    }),
    article({
      id: '2016-12-30-gia-lua',
      title: "Giá lúa tăng: 'được mùa, được giá' & <img src=x onerror=alert(1)>",
      summary: "Nông dân nói: 'năm nay được giá' <b>đậm</b> & vui.",
      published: local('12:00, 30/12/2016'),
      section: { slug: 'kinh-te', name: 'Kinh tế' },
      authors: [person('Ban Kinh tế', 'ban-kinh-te', 'text')],
      image: undefined,
      rev: 'hard-3',
    }),
    article({
      id: '2016-12-29-tin-ttxvn',
      title: 'Thủ tướng chỉ đạo ứng phó rét đậm, rét hại',
      published: local('00:00, 29/12/2016'),
      section: { slug: 'thoi-su', name: 'Thời sự' },
      authors: [],
      source: 'TTXVN',
      image: undefined,
      rev: 'hard-4',
    }),
    article({
      id: '2016-12-28-cho-vieng',
      title: 'Nô nức du khách về chợ Viềng',
      content:
        '<p>Từ sáng sớm, du khách đã đổ về chợ Viềng.</p>\n<figure><figcaption>Du khách mua cây cảnh.</figcaption></figure>\n<figure><figcaption>Đặc sản bánh gai.</figcaption></figure>\n<p>Ban tổ chức bảo đảm an ninh.</p>',
      published: local('06:30, 28/12/2016'),
      section: { slug: 'doi-song', name: 'Đời sống' },
      authors: [person('Đức Toàn', 'duc-toan', 'text+photo')],
      image: { caption: 'Du khách mua cây cảnh.' },
      rev: 'hard-5',
    }),
  ]
}
