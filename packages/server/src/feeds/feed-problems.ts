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

  add(problem: FeedProblem): void {
    this.count++;
    if (this.list.length < this.limit) this.list.push(problem);
  }

  get ok(): boolean {
    return this.count === 0;
  }
}
