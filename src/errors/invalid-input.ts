import { ProblemError, type FieldFault } from './problem-error'

/** A 400 naming every field of the input at fault, each with its reason. */
export class InvalidInput extends ProblemError {
  constructor(errors: FieldFault[], title = 'Dữ liệu không hợp lệ') {
    super({ status: 400, title, detail: errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors })
  }
}
