/**
 * Codes of the problems a feed check reports (closed set; see docs/feeds.md for each).
 */
export type FeedProblemCode =
  | 'not_well_formed'
  | 'doctype_refused'
  | 'bad_encoding'
  | 'wrong_namespace'
  | 'wrong_root'
  | 'mixed_degrees'
  | 'missing_version'
  | 'unexpected_element'
  | 'unexpected_text'
  | 'out_of_order'
  | 'missing_element'
  | 'too_many'
  | 'too_long'
  | 'empty'
  | 'bad_date'
  | 'invalid_text'
  | 'bad_uai'
  | 'duplicate_key'
  | 'duplicate_person'
  | 'unknown_profile'
  | 'unknown_status'
  | 'unknown_school'
  | 'school_of_other_ent'
  | 'unknown_group'
  | 'unknown_person'
  | 'bad_file_name'
  | 'missing_kind'
  | 'bad_bundle'
  | 'bad_checksum'
  | 'limit_exceeded';

/** One problem: where (file, line, element) and what (a stable code and a sentence). */
export interface FeedProblem {
  file: string;
  line: number;
  element: string;
  code: FeedProblemCode;
  message: string;
}

/**
 * Collects the problems of one import; keeps the first `limit` (memory stays bounded on a badly broken feed) and counts
 * them all.
 *
 * @example
 * ```ts
 * const problems = new FeedProblems();
 * problems.add({ file: 'x.xml', line: 3, element: 'GAREleve', code: 'missing_element', message: 'GARPersonNom is required' });
 * problems.count; // 1
 * ```
 */
export class FeedProblems {
  readonly list: FeedProblem[] = [];
  count = 0;
  constructor(readonly limit = 1000) {}

  /** Problems added by {@link add} (a mark for {@link insertAt}). */
  direct = 0;
  #inserted = 0;

  add(problem: FeedProblem): void {
    this.count++;
    this.direct++;
    if (this.list.length < this.limit) this.list.push(problem);
  }

  /**
   * Adds a problem found later (a batch's duplicates, found when the batch is staged) where it would have been added
   * when `mark` was `direct`: calls come in the order of their marks, so the list keeps the order of the input.
   */
  insertAt(mark: number, problem: FeedProblem): void {
    const index = mark + this.#inserted++;
    this.count++;
    if (index >= this.limit) return;
    this.list.splice(Math.min(index, this.list.length), 0, problem);
    if (this.list.length > this.limit) this.list.pop();
  }

  /** Counts problems not kept (past the limit). */
  addUncounted(n: number): void {
    this.count += n;
    this.direct += n;
  }

  get ok(): boolean {
    return this.count === 0;
  }
}
