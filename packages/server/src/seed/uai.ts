const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/**
 * A UAI from its seven digits, with its check letter (the number modulo 23, in an alphabet without I, O and Q).
 *
 * @example
 * ```ts
 * uaiWithCheckLetter('0561641'); // '0561641E'
 * ```
 */
export function uaiWithCheckLetter(digits: string): string {
  if (!/^\d{7}$/.test(digits)) throw new TypeError('a UAI has seven digits before its letter');
  return digits + UAI_LETTERS[Number(digits) % 23]!;
}
