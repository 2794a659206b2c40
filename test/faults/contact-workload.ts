import { createRng, type Rng } from '../../connectors/sandbox/rng.js';
import type { RecordStore } from '../../connectors/sandbox/store.js';

/**
 * HubSpot contact changes whose final duplicate flags are known by construction. Per person: the
 * original is created; later a duplicate (same names and company, the email in upper case); later the
 * original's job title changes (not a match field: nothing to write); later the duplicate either gets a
 * new job title (still a duplicate of the original) or, for every fifth person, a whole new identity
 * (it must end `unique` with `ps_duplicate_of` cleared). Four changes per person, interleaved.
 */
export const UI_USER = { userId: '9000001' } as const;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export interface ContactExpectation {
  readonly id: string;
  readonly status: 'unique' | 'duplicate';
  /** The original's id when a duplicate. */
  readonly of: string | null;
}

function word(rng: Rng, length: number): string {
  let w = '';
  for (let i = 0; i < length; i += 1) w += LETTERS[Math.floor(rng() * LETTERS.length)] ?? 'x';
  return w.charAt(0).toUpperCase() + w.slice(1);
}

interface Identity {
  readonly firstname: string;
  readonly lastname: string;
  readonly email: string;
  readonly company: string;
}

function identity(rng: Rng, n: number): Identity {
  const firstname = word(rng, 6);
  const lastname = word(rng, 8);
  const company = `${word(rng, 7)} ${n}`;
  return {
    firstname,
    lastname,
    email: `${firstname}.${lastname}.${n}@${word(rng, 6)}.example`.toLowerCase(),
    company,
  };
}

type Op = (store: RecordStore) => void;

export interface ContactWorkload {
  readonly changes: number;
  /** Runs change `i` (0 ≤ i < changes) against the HubSpot sandbox store. */
  apply(store: RecordStore, i: number): void;
  /** Expected flags of every contact, known once every change ran. */
  expected(): ContactExpectation[];
}

export function contactWorkload(changes: number, seed: number): ContactWorkload {
  const people = Math.ceil(changes / 4);
  const rng = createRng(seed);
  const ids = { original: new Map<number, string>(), duplicate: new Map<number, string>() };
  const detached = (p: number): boolean => p % 5 === 4;
  const perPerson: Op[][] = Array.from({ length: people }, (_v, p) => {
    const who = identity(rng, p);
    const fresh = identity(rng, people + p);
    const id = (m: Map<number, string>): string => m.get(p) ?? '';
    return [
      (s) => ids.original.set(p, s.create('contacts', { ...who }, UI_USER).id),
      (s) =>
        ids.duplicate.set(p, s.create('contacts', { ...who, email: who.email.toUpperCase() }, UI_USER).id),
      (s) => void s.update('contacts', id(ids.original), { jobtitle: `Title ${p}` }, UI_USER),
      (s) =>
        void s.update(
          'contacts',
          id(ids.duplicate),
          detached(p) ? { ...fresh, jobtitle: 'Moved on' } : { jobtitle: `Buyer ${p}` },
          UI_USER,
        ),
    ];
  });
  // Interleave: step k runs person k's create, person k-L's duplicate, k-2L's title, k-3L's last change.
  const lag = Math.max(1, Math.min(100, Math.floor(people / 10)));
  const order: Op[] = [];
  for (let k = 0; order.length < people * 4; k += 1)
    for (let stage = 0; stage < 4; stage += 1) {
      const op = perPerson[k - stage * lag]?.[stage];
      if (op !== undefined) order.push(op);
    }
  const ops = order;
  return {
    changes: ops.length,
    apply: (store, i) => ops[i]?.(store),
    expected: () =>
      Array.from({ length: people }, (_v, p): ContactExpectation[] => {
        const original = ids.original.get(p) ?? `missing original ${p}`;
        const duplicate = ids.duplicate.get(p) ?? `missing duplicate ${p}`;
        return [
          { id: original, status: 'unique', of: null },
          detached(p)
            ? { id: duplicate, status: 'unique', of: null }
            : { id: duplicate, status: 'duplicate', of: original },
        ];
      }).flat(),
  };
}
