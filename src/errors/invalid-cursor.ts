import { InvalidParameter } from './invalid-parameter'

/** A paging cursor this service did not issue, issued for another feed, or one KV no longer knows. */
export class InvalidCursor extends InvalidParameter {
  constructor(reason: string) {
    super('cursor', reason)
  }
}
