import type { Article } from '../../../src/articles/model'
import { article, local } from '../../../fixtures/feed'
import { hardCases } from '../hard-cases'

/**
 * The page the golden documents beside this file show: the hard cases (quotes and `<` in titles, a
 * photographer, an unsigned story with a source, captions, diacritics, times near midnight) and what
 * else trips an XML or JSON writer: `]]>` in a title and a body, `&` and quotes in URLs and tags, an empty
 * summary, no photo, an article without rev (never kept), a control character and decomposed letters.
 */
export function goldenCases(): Article[] {
  return [
    ...hardCases(),
    article({
      id: '2016-12-27-cdata',
      title: 'Mã <![CDATA[x]]> & "]]>" trong tiêu đề',
      summary: '',
      content: '<p>Đoạn có ]]&gt; và ]]> cùng <code>a]]>b</code>.</p>',
      url: 'https://baonamdinh.vn/tim-kiem?q=a&b="c"',
      tags: ['Khoa học & "Công nghệ"', 'Nam Định'],
      published: local('23:59, 27/12/2016'),
      image: undefined,
      rev: 'golden-1',
    }),
    article({
      id: '2016-12-26-khong-rev',
      title: 'Tie\u0302\u0301ng Vie\u0323\u0302t da\u0300i\u0007 không rev',
      authors: [{ name: 'Viết Dư', slug: 'viet-du', role: 'photo' }],
      published: local('00:01, 26/12/2016'),
      image: { url: 'https://baonamdinh.vn/file/anh?w=1&h=2', type: 'image/png', length: 0, caption: 'Ảnh <b>đẹp</b> & "rõ"' },
    }),
  ]
}
