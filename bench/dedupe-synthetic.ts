import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

import { createRng } from '../connectors/sandbox/rng.js';
import type { MatchRecord } from '../src/matching/match-record.js';
import { COMPANY_TAILS as CRM_COMPANY_TAILS, SURNAME_TAILS } from './dedupe-crm-names.js';

/** Deterministic PRNG (the sandboxes' mulberry32) so every run generates the same leads. */
export const random: (seed: number) => () => number = createRng;

const FIRST = [
  'james',
  'mary',
  'robert',
  'patricia',
  'john',
  'jennifer',
  'michael',
  'linda',
  'william',
  'elizabeth',
  'david',
  'barbara',
  'richard',
  'susan',
  'joseph',
  'jessica',
  'thomas',
  'sarah',
  'charles',
  'karen',
  'christopher',
  'nancy',
  'daniel',
  'lisa',
  'matthew',
  'betty',
  'anthony',
  'margaret',
  'mark',
  'sandra',
  'donald',
  'ashley',
  'steven',
  'kimberly',
  'paul',
  'emily',
  'andrew',
  'donna',
  'joshua',
  'michelle',
  'kenneth',
  'carol',
  'kevin',
  'amanda',
  'brian',
  'melissa',
  'george',
  'deborah',
  'timothy',
  'stephanie',
  'lukas',
  'lena',
  'jonas',
  'anna',
  'felix',
  'marie',
  'louis',
  'camille',
  'hugo',
  'chloe',
  'mateo',
  'lucia',
  'leo',
  'sofia',
  'hiroshi',
  'yuki',
  'wei',
  'mei',
  'arjun',
  'priya',
  'ahmed',
  'fatima',
  'olga',
  'ivan',
  'sven',
  'ingrid',
  'jose',
  'ana',
  'pedro',
  'maria',
];
const SYLLABLES = [
  'an',
  'ber',
  'cal',
  'dor',
  'el',
  'fer',
  'gan',
  'hol',
  'in',
  'jor',
  'kel',
  'lin',
  'mar',
  'nor',
  'ol',
  'par',
  'quin',
  'ros',
  'sal',
  'tor',
  'ul',
  'van',
  'wes',
  'xan',
  'yor',
  'zel',
  ...SURNAME_TAILS.slice(0, 10),
];
const COMPANY_WORDS = [
  'acme',
  'global',
  'blue',
  'river',
  'summit',
  'nova',
  'apex',
  'quantum',
  'bright',
  'pioneer',
  'vertex',
  'silver',
  'oak',
  'harbor',
  'north',
  'green',
  'red',
  'stone',
  'cloud',
  'data',
  'logic',
  'prime',
  'fusion',
  'delta',
  'orbit',
];
/** The CRM benchmark's first ten company tails, lower case. */
const COMPANY_TAILS = CRM_COMPANY_TAILS.slice(0, 10).map((t) => t.toLowerCase());
const SUFFIXES = [
  'Inc',
  'Inc.',
  'LLC',
  'Ltd',
  'GmbH',
  'AG',
  'SA',
  'SARL',
  'BV',
  'Pty Ltd',
  'S.p.A.',
  'Oy',
  'AB',
  'Corp',
  '',
];
const FREE = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'gmx.de', 'web.de'];
const PLACES = [
  {
    country: 'United States',
    code: 'US',
    cities: ['New York', 'San Francisco', 'Austin', 'Chicago', 'Boston'],
    phone: (r: () => number) =>
      `(${200 + Math.floor(r() * 700)}) ${200 + Math.floor(r() * 700)}-${String(Math.floor(r() * 10000)).padStart(4, '0')}`,
  },
  {
    country: 'United Kingdom',
    code: 'GB',
    cities: ['London', 'Manchester', 'Leeds'],
    phone: (r: () => number) =>
      `020 7${String(Math.floor(r() * 1000)).padStart(3, '0')} ${String(Math.floor(r() * 10000)).padStart(4, '0')}`,
  },
  {
    country: 'Germany',
    code: 'DE',
    cities: ['Berlin', 'München', 'Hamburg', 'Köln'],
    phone: (r: () => number) => `030 ${String(Math.floor(r() * 100000000)).padStart(8, '0')}`,
  },
  {
    country: 'France',
    code: 'FR',
    cities: ['Paris', 'Lyon', 'Marseille'],
    phone: (r: () => number) =>
      `01 ${String(Math.floor(r() * 100)).padStart(2, '0')} ${String(Math.floor(r() * 100)).padStart(2, '0')} ${String(Math.floor(r() * 100)).padStart(2, '0')} ${String(Math.floor(r() * 100)).padStart(2, '0')}`,
  },
] as const;

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A realistic lead: a name, a company with a legal form, a work or free-mail address, a national phone. */
export function makeLead(r: () => number, id: number): MatchRecord {
  const first = pick(r, FIRST);
  const last = Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(r, SYLLABLES)).join('');
  const word = `${pick(r, COMPANY_WORDS)}${pick(r, SYLLABLES)}${pick(r, SYLLABLES)}`;
  const company = `${cap(word)} ${cap(pick(r, COMPANY_TAILS))} ${pick(r, SUFFIXES)}`.trim();
  const domain = `${word}.${pick(r, ['com', 'io', 'de', 'co.uk', 'fr'])}`;
  const place = pick(r, PLACES);
  const work = r() < 0.7;
  const email = work
    ? `${first}.${last}@${domain}`
    : `${first}${last}${Math.floor(r() * 1000)}@${pick(r, FREE)}`;
  const created = new Date(Date.UTC(2018, 0, 1) + Math.floor(r() * 2.5e11)).toISOString();
  return {
    id: `L${String(id).padStart(8, '0')}`,
    kind: 'lead',
    createdAt: created,
    firstName: cap(first),
    lastName: cap(last),
    email,
    phone: r() < 0.8 ? place.phone(r) : null,
    mobilePhone: null,
    company,
    website: work ? `https://www.${domain}` : null,
    city: pick(r, place.cities),
    country: place.country,
  };
}

const NICK: Readonly<Record<string, string>> = {
  robert: 'Bob',
  william: 'Bill',
  james: 'Jim',
  elizabeth: 'Liz',
  michael: 'Mike',
  richard: 'Rick',
  joseph: 'Joe',
  thomas: 'Tom',
  christopher: 'Chris',
  daniel: 'Dan',
  matthew: 'Matt',
  anthony: 'Tony',
  jennifer: 'Jen',
  patricia: 'Pat',
  margaret: 'Peggy',
};

function typo(r: () => number, s: string): string {
  if (s.length < 4) return s;
  const i = 1 + Math.floor(r() * (s.length - 2));
  return r() < 0.5
    ? s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2)
    : s.slice(0, i) + s.slice(i + 1);
}

/** A duplicate as CRMs get them: nickname, typo, case, reformatted phone, plus-tag or personal email, other legal form. */
export function makeDuplicate(r: () => number, original: MatchRecord, id: number): MatchRecord {
  const dup: { -readonly [K in keyof MatchRecord]: MatchRecord[K] } = {
    ...original,
    id: `L${String(id).padStart(8, '0')}`,
  };
  const first = (original.firstName ?? '').toLowerCase();
  if (r() < 0.4 && NICK[first] !== undefined) dup.firstName = NICK[first];
  if (r() < 0.3) dup.lastName = typo(r, original.lastName ?? '');
  if (r() < 0.3) dup.lastName = (dup.lastName ?? '').toUpperCase();
  const email = original.email ?? '';
  const roll = r();
  if (roll < 0.25) dup.email = email.replace('@', '+crm@');
  else if (roll < 0.45) dup.email = `${first}${(original.lastName ?? '').toLowerCase()}@gmail.com`;
  else if (roll < 0.55) dup.email = null;
  if (r() < 0.5 && original.phone != null) dup.phone = original.phone.replace(/[()\s-]/g, '');
  if (r() < 0.3)
    dup.company = (original.company ?? '')
      .replace(/ (Inc\.?|LLC|Ltd|GmbH|AG|SA|SARL|BV|Pty Ltd|S\.p\.A\.|Oy|AB|Corp)$/, '')
      .toUpperCase();
  dup.createdAt = new Date(
    Date.parse(original.createdAt ?? '2020-01-01T00:00:00Z') + 86_400_000 * (1 + Math.floor(r() * 300)),
  ).toISOString();
  return dup;
}

/** Leads with about `dupShare` of them injected duplicates of earlier ones; `onRecord` sees each in order. */
export function* syntheticLeads(count: number, seed = 42, dupShare = 0.1): Generator<MatchRecord> {
  const r = random(seed);
  const recent: MatchRecord[] = [];
  for (let i = 0; i < count; i++) {
    const base = recent.length > 0 && r() < dupShare ? pick(r, recent) : null;
    const record = base === null ? makeLead(r, i) : makeDuplicate(r, base, i);
    if (base === null) {
      if (recent.length < 50_000) recent.push(record);
      else recent[Math.floor(r() * recent.length)] = record;
    }
    yield record;
  }
}

const HEADER = [
  'Record ID',
  'First Name',
  'Last Name',
  'Email',
  'Phone Number',
  'Company Name',
  'City',
  'Country/Region',
  'Website',
  'Create Date',
];

function csv(value: string | null | undefined): string {
  const s = value ?? '';
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Writes a HubSpot-shaped contacts export of synthetic leads. */
export async function writeLeadsCsv(path: string, count: number, seed = 42): Promise<void> {
  const out = createWriteStream(path);
  let buffer = `${HEADER.join(',')}\n`;
  for (const lead of syntheticLeads(count, seed)) {
    buffer += `${[lead.id, lead.firstName, lead.lastName, lead.email, lead.phone, lead.company, lead.city, lead.country, lead.website, lead.createdAt].map(csv).join(',')}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
