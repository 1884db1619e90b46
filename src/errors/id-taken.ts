import { formatRfc3339Exact } from '../time/zone'
import { ProblemError, type FieldFault } from './problem-error'

/** An article as a conflict names it: its title and publication instant (ISO), as stored or as sent. */
export interface ArticleRef {
  title: string
  published: string
}

/** Both sides of a derived id that already belongs to another article, times in the paper's zone. */
export interface IdConflict {
  id: string
  stored: ArticleRef
  sent: ArticleRef
}

/**
 * 409: an id derived from a title (no `id` sent) already belongs to a different article, which a write
 * would have replaced. Names both, so the newsroom can tell them apart and choose: an explicit id for
 * the new one, or a PUT to replace the old one on purpose.
 */
export class IdTaken extends ProblemError {
  readonly conflict: IdConflict
  readonly fault: FieldFault

  constructor(id: string, stored: ArticleRef, sent: ArticleRef, timeZone: string) {
    const local = (ref: ArticleRef): ArticleRef => ({ title: ref.title, published: formatRfc3339Exact(new Date(ref.published), timeZone) })
    const conflict: IdConflict = { id, stored: local(stored), sent: local(sent) }
    const reason =
      `mã "${id}" suy từ tiêu đề đã thuộc về bài "${conflict.stored.title}" (đăng ${conflict.stored.published}), ` +
      `khác bài gửi lên "${conflict.sent.title}" (đăng ${conflict.sent.published}); bài gửi lên chưa được lưu. ` +
      `Gửi kèm trường "id" riêng cho bài mới, hoặc PUT /api/articles/${id} nếu muốn thay bài cũ.`
    const fault = { field: 'id', reason }
    super({ status: 409, title: 'Mã bài đã thuộc về bài khác', detail: reason, errors: [fault], extensions: { conflict } })
    this.conflict = conflict
    this.fault = fault
  }
}
