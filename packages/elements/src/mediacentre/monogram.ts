// The letter a tile without a thumbnail shows: the name's first letter or digit, whole (a character outside the
// Basic Multilingual Plane is not cut in half), upper-cased. A name that opens with punctuation or markup (« <b>… »,
// "(LTI) …", an emoji) still shows a letter, not « < » or half a surrogate pair; a name without any shows « ? ».

/** The monogram of a resource named `name` (« ? » when it is not a string). */
export const monogram = (name: unknown): string =>
  ((typeof name === 'string' && name.match(/[\p{L}\d]/u)) || '?')[0]!.toUpperCase();
