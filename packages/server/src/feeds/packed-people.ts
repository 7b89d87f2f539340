import type { Person, PersonProfile } from '@opengar/core';

type Packed = [
  lastName: string,
  firstName: string,
  civility: Person['civility'] | 0,
  email: string | 0,
  birthDate: string | 0,
  /** uai, profile, uai, profile… */
  profiles: string[],
  /** uai, code, uai, code… */
  mefs: string[],
];

export function pack(p: Person): string {
  const packed: Packed = [
    p.lastName,
    p.firstName,
    p.civility ?? 0,
    p.email ?? 0,
    p.birthDate ?? 0,
    p.profiles.flatMap((x) => [x.uai, x.profile]),
    (p.mefs ?? []).flatMap((x) => [x.uai, x.code]),
  ];
  return JSON.stringify(packed);
}

export function unpack(entId: string, id: string, text: string): Person {
  const [lastName, firstName, civility, email, birthDate, profiles, mefs] = JSON.parse(text) as Packed;
  const person: Person = { entId, id, lastName, firstName, profiles: [], mefs: [] };
  if (civility) person.civility = civility;
  if (email) person.email = email;
  if (birthDate) person.birthDate = birthDate;
  for (let i = 0; i < profiles.length; i += 2)
    person.profiles.push({ uai: profiles[i]!, profile: profiles[i + 1]! as PersonProfile['profile'] });
  for (let i = 0; i < mefs.length; i += 2) person.mefs.push({ uai: mefs[i]!, code: mefs[i + 1]! });
  return person;
}

/**
 * The people of a feed, by id, each held as one compact string (about a fifth of the memory of the objects) and
 * rebuilt on each read: a `Map` in every other way. A person read is a fresh copy: change it, then `set` it back.
 * The ENT's id is held once for all.
 *
 * @example
 * ```ts
 * const people = new PackedPeople('ENTBRE');
 * people.set('p1', person);
 * people.get('p1')?.lastName;
 * ```
 */
export class PackedPeople extends Map<string, Person> {
  readonly #packed = new Map<string, string>();

  constructor(readonly entId: string) {
    super();
  }

  override get size(): number {
    return this.#packed.size;
  }

  override has(id: string): boolean {
    return this.#packed.has(id);
  }

  override get(id: string): Person | undefined {
    const text = this.#packed.get(id);
    return text === undefined ? undefined : unpack(this.entId, id, text);
  }

  override set(id: string, person: Person): this {
    this.#packed.set(id, pack(person));
    return this;
  }

  override delete(id: string): boolean {
    return this.#packed.delete(id);
  }

  override clear(): void {
    this.#packed.clear();
  }

  override keys(): MapIterator<string> {
    return this.#packed.keys();
  }

  override *values(): MapIterator<Person> {
    for (const [id, text] of this.#packed) yield unpack(this.entId, id, text);
  }

  override *entries(): MapIterator<[string, Person]> {
    for (const [id, text] of this.#packed) yield [id, unpack(this.entId, id, text)];
  }

  override [Symbol.iterator](): MapIterator<[string, Person]> {
    return this.entries();
  }

  override forEach(fn: (value: Person, key: string, map: Map<string, Person>) => void, thisArg?: unknown): void {
    for (const [id, person] of this.entries()) fn.call(thisArg, person, id, this);
  }
}
