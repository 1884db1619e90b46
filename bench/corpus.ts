import type { ArticleInput } from '../src/articles/schema'
import { formatRfc3339 } from '../src/time/zone'

/**
 * A deterministic archive of realistic Vietnamese articles for the benchmarks: the i-th article is
 * always the same, so every Worker under test (ours, the naive one) reads the same data, and the
 * seeding Worker can generate it inside workerd instead of shipping megabytes of JSON to it.
 * Article 0 is the newest; each older one is published 37 minutes earlier (about 39 a day).
 */

const PLACES = ['Hải Hậu', 'Giao Thủy', 'Nghĩa Hưng', 'Ý Yên', 'Vụ Bản', 'Mỹ Lộc', 'Nam Trực', 'Trực Ninh', 'Xuân Trường', 'TP Nam Định']

const TOPICS: ReadonlyArray<{ section: string; titles: string[]; sentences: string[] }> = [
  {
    section: 'kinh-te',
    titles: [
      'Nông dân {p} khẩn trương gieo cấy lúa vụ xuân',
      'Xuất khẩu dệt may của {p} tăng trưởng khá',
      'Hội nghị xúc tiến đầu tư vào {p}',
    ],
    sentences: [
      'Theo Phòng Nông nghiệp và PTNT huyện {p}, đến nay toàn huyện đã gieo cấy được trên 8.500 ha lúa xuân, đạt 92% kế hoạch.',
      'Các hợp tác xã đã chủ động cung ứng giống, phân bón và điều tiết nước tưới đúng lịch thời vụ.',
      'Bà con nông dân được khuyến cáo sử dụng giống lúa chất lượng cao như BC15, TBR225 và Nếp cái hoa vàng.',
      'Trong hai tháng đầu năm, kim ngạch xuất khẩu hàng dệt may ước đạt 245 triệu USD, tăng 12,4% so với cùng kỳ.',
      'Nhiều doanh nghiệp đã ký được đơn hàng đến hết quý III, bảo đảm việc làm ổn định cho hàng nghìn lao động.',
      'Tỉnh cam kết tạo mọi điều kiện thuận lợi, rút ngắn thời gian giải quyết thủ tục hành chính cho nhà đầu tư.',
      'Dịp này, UBND tỉnh đã trao giấy chứng nhận đầu tư cho 12 dự án với tổng vốn 1.850 tỷ đồng.',
      'Giá lúa thu mua tại ruộng dao động từ 7.200 đến 7.800 đồng/kg, cao hơn vụ trước khoảng 500 đồng/kg.',
    ],
  },
  {
    section: 'thoi-su',
    titles: [
      'Chủ tịch UBND tỉnh làm việc với huyện {p}',
      'Khai mạc kỳ họp thứ bảy HĐND tỉnh khóa XVIII',
      'Lãnh đạo tỉnh thăm, chúc Tết Nhân dân {p}',
    ],
    sentences: [
      'Cùng dự buổi làm việc có lãnh đạo các sở: Tài chính, KH và ĐT, Nội vụ, TN và MT cùng Văn phòng UBND tỉnh.',
      'Đồng chí Chủ tịch UBND tỉnh ghi nhận, biểu dương những kết quả mà Đảng bộ, chính quyền và Nhân dân {p} đạt được.',
      'Huyện cần tập trung giải phóng mặt bằng các dự án trọng điểm, nhất là tuyến đường bộ ven biển đi qua địa bàn.',
      'Kỳ họp xem xét, thảo luận và quyết định nhiều nội dung quan trọng về phát triển kinh tế - xã hội năm tới.',
      'Các đại biểu đề nghị tăng cường công tác cải cách hành chính, nâng cao chỉ số năng lực cạnh tranh cấp tỉnh (PCI).',
      'Đoàn đã đến thăm, tặng quà các gia đình chính sách, hộ nghèo và người có công với cách mạng.',
      'Phát biểu tại buổi làm việc, lãnh đạo tỉnh nhấn mạnh: "Phải lấy người dân và doanh nghiệp làm trung tâm phục vụ".',
    ],
  },
  {
    section: 'van-hoa',
    titles: ['Nô nức du khách về chợ Viềng {p}', 'Đêm giao thừa ấm áp tại {p}', 'Lễ hội đền Trần năm nay có nhiều điểm mới'],
    sentences: [
      'Từ sáng sớm, hàng nghìn du khách thập phương đã đổ về chợ Viềng để mua may, bán rủi đầu năm.',
      'Các mặt hàng được bày bán chủ yếu là cây cảnh, nông cụ, đồ cổ và đặc sản địa phương như bánh gai, bánh cuốn làng Kênh.',
      'Ban tổ chức đã bố trí lực lượng bảo đảm an ninh trật tự, vệ sinh môi trường và an toàn giao thông.',
      'Chương trình nghệ thuật chào năm mới với chủ đề "Mừng Đảng, mừng Xuân" thu hút đông đảo người dân tham dự.',
      'Đúng 0 giờ, màn bắn pháo hoa rực rỡ trên bầu trời Quảng trường 3-2 đánh dấu thời khắc chuyển giao năm cũ và năm mới.',
      'Lễ khai ấn đền Trần được tổ chức trang nghiêm, văn minh, bảo đảm đúng nghi thức truyền thống.',
      'Nghệ nhân chèo, ca trù và hát văn của tỉnh đã biểu diễn nhiều tiết mục đặc sắc phục vụ du khách.',
    ],
  },
  {
    section: 'the-thao',
    titles: [
      'Bế mạc giải bóng chuyền hơi người cao tuổi {p}',
      'Giải vật truyền thống {p} mở rộng',
      'Khởi tranh giải bóng đá thiếu niên tỉnh',
    ],
    sentences: [
      'Giải thu hút 18 đội bóng với gần 300 vận động viên đến từ các xã, thị trấn trong huyện {p}.',
      'Sau 5 ngày thi đấu sôi nổi, đội {p} đã xuất sắc giành ngôi vô địch với thành tích toàn thắng.',
      'Các trận đấu diễn ra trên tinh thần trung thực, đoàn kết, cao thượng, mang lại nhiều cảm xúc cho khán giả.',
      'Ban tổ chức đã trao cúp, huy chương và giải thưởng trị giá 50 triệu đồng cho các tập thể, cá nhân đạt thành tích cao.',
      'Đây là hoạt động thiết thực nhằm đẩy mạnh phong trào "Toàn dân rèn luyện thân thể theo gương Bác Hồ vĩ đại".',
      'Nhiều đô vật trẻ thể hiện kỹ thuật tốt, hứa hẹn bổ sung lực lượng cho đội tuyển vật của tỉnh.',
    ],
  },
  {
    section: 'giao-duc',
    titles: [
      'Học sinh {p} bước vào năm học mới',
      'Thí sinh làm thủ tục dự thi tốt nghiệp THPT',
      'Trường THPT chuyên Lê Hồng Phong đón nhận Huân chương Lao động',
    ],
    sentences: [
      'Năm học này, toàn tỉnh có hơn 380 nghìn học sinh các cấp, tăng khoảng 6.000 em so với năm học trước.',
      'Ngành Giáo dục đã chuẩn bị đầy đủ cơ sở vật chất, sách giáo khoa và đội ngũ giáo viên cho năm học mới.',
      'Tại các điểm thi, thí sinh được hướng dẫn làm thủ tục, phổ biến quy chế và kiểm tra thông tin đăng ký dự thi.',
      'Lực lượng công an, y tế và đoàn viên thanh niên tình nguyện hỗ trợ thí sinh và phụ huynh suốt kỳ thi.',
      'Nhà trường tiếp tục đổi mới phương pháp dạy học, chú trọng phát triển phẩm chất và năng lực người học.',
      'Năm học vừa qua, học sinh của tỉnh đạt 75 giải học sinh giỏi quốc gia, đứng trong tốp đầu cả nước.',
    ],
  },
  {
    section: 'doi-song',
    titles: [
      'Đẩy nhanh tiến độ tiêm vắc-xin tại {p}',
      'Em bé đầu tiên chào đời năm mới ở {p}',
      'Người dân {p} hưởng ứng phân loại rác tại nguồn',
    ],
    sentences: [
      'Trung tâm Y tế huyện {p} đã bố trí 25 điểm tiêm cố định và lưu động để phục vụ người dân.',
      'Các trường hợp sau tiêm được theo dõi sức khỏe 30 phút tại chỗ và hướng dẫn tự theo dõi tại nhà trong 7 ngày.',
      'Bé gái nặng 3,2 kg chào đời lúc 0 giờ 05 phút tại Bệnh viện Phụ sản tỉnh, cả mẹ và bé đều khỏe mạnh.',
      'Mô hình phân loại rác tại nguồn đã được nhân rộng ra 120 thôn, xóm với sự tham gia tích cực của hội phụ nữ.',
      'Chị Trần Thị Hoa, một người dân trong xóm chia sẻ: "Phân loại rác giúp đường làng sạch hơn, giảm hẳn mùi hôi".',
      'Chính quyền địa phương hỗ trợ thùng chứa và chế phẩm sinh học để người dân ủ rác hữu cơ làm phân bón.',
    ],
  },
]

const BYLINES = [
  'Tin, ảnh: Đức Toàn',
  'Tin: Minh Hằng - Ảnh: Việt Dư',
  'Bài và ảnh: Thanh Thúy',
  'Ngọc Lan (tổng hợp)',
  'Văn Chiến',
  'Bài, ảnh: Quốc Khánh',
]

/** Mulberry32: a tiny seeded PRNG, so article i is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NEWEST = Date.parse('2025-06-30T17:45:00+07:00')
const STEP_MS = 37 * 60_000

/** When article i was published. */
export function publishedInstant(i: number): Date {
  return new Date(NEWEST - i * STEP_MS)
}

/** RFC 3339 in the newsroom's zone, as the CMS exports it. */
function publishedAt(i: number): string {
  return formatRfc3339(publishedInstant(i))
}

/** Title of article i; the number keeps titles (and so ids) unique within a day, as real headlines are. */
export function numberedTitle(title: string, i: number): string {
  return `${title.replace(/ \(kỳ \d+\)$/, '')} (kỳ ${i + 1})`
}

/** Target UTF-8 size of an article's body: a full article of the paper is 3–7 KB of HTML. */
export const FULL_BYTES = 5_000

const utf8 = new TextEncoder()

/**
 * The i-th article as the newsroom would send it. `bytes` is the approximate UTF-8 size of the
 * paragraphs (the stored HTML adds its `<p>` tags).
 */
export function articleInput(i: number, bytes = FULL_BYTES): ArticleInput {
  const rnd = random(i + 1)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T
  const topic = pick(TOPICS)
  const place = pick(PLACES)
  const fill = (s: string) => s.replaceAll('{p}', place)
  const paragraphs: string[] = []
  let size = 0
  while (size < bytes) {
    // Distinct sentences within a paragraph, in a random order.
    const pool = [...topic.sentences]
    const sentences = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () =>
      fill(pool.splice(Math.floor(rnd() * pool.length), 1)[0] as string),
    )
    const paragraph = sentences.join(' ')
    paragraphs.push(paragraph)
    size += utf8.encode(paragraph).length
  }
  const title = numberedTitle(fill(pick(topic.titles)), i)
  return {
    title,
    published: publishedAt(i),
    ...(i % 5 === 0 && { updated: publishedAt(i - 0.5) }),
    section: topic.section,
    byline: pick(BYLINES),
    paragraphs,
    image: { url: `https://baonamdinh.vn/file/anh/${2025 - (i % 9)}/${i}.jpg`, caption: fill(pick(topic.sentences)).slice(0, 120) },
    tags: [place, topic.section === 'kinh-te' ? 'Nông nghiệp' : 'Địa phương'],
  }
}

/**
 * The article with a rev, as the store gives every article it writes (a content hash: here FNV-1a of its
 * JSON, plenty to tell a hundred benchmark articles and their rewrites apart), so renders keep its items.
 */
export function withRev<T extends object>(article: T): T & { rev: string } {
  let hash = 0x811c9dc5
  const json = JSON.stringify(article)
  for (let i = 0; i < json.length; i++) hash = Math.imul(hash ^ json.charCodeAt(i), 0x01000193)
  return { ...article, rev: (hash >>> 0).toString(16).padStart(8, '0') }
}
