/**
 * A seeded, labelled, CRM-shaped duplicate benchmark. Generates people at companies and in households,
 * the duplicates CRMs really collect (nicknames, typos, case and spacing, plus-tags, Gmail dots, a
 * personal mailbox beside the work one, phones typed nationally or internationally with or without a
 * country, legal-form variants, a person who moved company) and the hard negatives that fool a naive
 * matcher (colleagues sharing a surname, a switchboard number, role inboxes such as info@/sales@,
 * namesakes at other companies, family members at one address, Jr/Sr). Half the companies and
 * households go to a Salesforce Leads report export, half to a HubSpot contacts export, each with the
 * vendor's own headers. Nothing here imports the matcher: the truth is the entity each row came from.
 */
import { writeFile } from 'node:fs/promises';

import {
  COMPANY_TAILS,
  COMPANY_WORDS,
  FREE_MAIL,
  GIVEN_NAMES,
  JOB_TITLES,
  ROLE_LOCAL_PARTS,
  STREETS,
  SURNAMES,
  SURNAME_TAILS,
  SYLLABLES,
} from './dedupe-crm-names.js';
import { formatPhone, phoneNumber, PLACES } from './dedupe-crm-places.js';
import type { Place } from './dedupe-crm-places.js';
import { random } from './dedupe-synthetic.js';

export type CrmName = 'salesforce' | 'hubspot';

/** One exported row and the entity (real person) it belongs to. */
export interface CrmRow {
  readonly entity: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface CrmFile {
  readonly crm: CrmName;
  readonly header: readonly string[];
  readonly rows: readonly CrmRow[];
}

/** Salesforce Leads report export (Lead is required to have a Company; Suffix when enabled in the org). */
export const SALESFORCE_HEADER = [
  'Lead ID',
  'Salutation',
  'First Name',
  'Last Name',
  'Suffix',
  'Title',
  'Company / Account',
  'Email',
  'Phone',
  'Mobile',
  'Street',
  'City',
  'State/Province',
  'Zip/Postal Code',
  'Country',
  'Website',
  'Lead Source',
  'Create Date',
] as const;

/** HubSpot contacts export (default properties). */
export const HUBSPOT_HEADER = [
  'Record ID',
  'First Name',
  'Last Name',
  'Email',
  'Phone Number',
  'Mobile Phone Number',
  'Company Name',
  'Job Title',
  'Street Address',
  'City',
  'State/Region',
  'Postal Code',
  'Country/Region',
  'Website URL',
  'Lifecycle Stage',
  'Create Date',
] as const;

interface Company {
  readonly name: string;
  readonly legalForm: string;
  readonly domain: string;
  readonly place: Place;
  readonly city: Place['cities'][number];
  readonly street: string;
  readonly postcode: string;
  readonly switchboard: string;
  readonly pattern: 'first.last' | 'flast' | 'firstl' | 'first' | 'first_last';
}

/** One real person: what a clean record would hold. */
interface Person {
  readonly entity: number;
  first: string;
  nicknames: readonly string[];
  last: string;
  suffix: string;
  title: string;
  company: Company | null;
  place: Place;
  city: Place['cities'][number];
  street: string;
  postcode: string;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  personalEmail: string | null;
  readonly group: number;
}

type Rng = () => number;
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
/** Zipf-like pick: earlier entries are more common. */
const zipf = <T>(r: Rng, list: readonly T[], exponent = 1.3): T =>
  list[Math.floor(list.length * r() ** exponent)] as T;
const ascii = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ü/g, 'ue')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

function placeOf(r: Rng): Place {
  let roll = r();
  for (const place of PLACES) {
    roll -= place.weight;
    if (roll <= 0) return place;
  }
  return PLACES[0] as Place;
}

function makeCompany(r: Rng, n: number): Company {
  const place = placeOf(r);
  const word = pick(r, COMPANY_WORDS);
  const tail = pick(r, COMPANY_TAILS);
  const city = pick(r, place.cities);
  const stem = `${ascii(word)}${r() < 0.5 ? ascii(tail) : ''}${n % 97}`;
  return {
    name: `${word} ${tail}`,
    legalForm: pick(r, place.legalForms),
    domain: `${stem}.${place.tld}`,
    place,
    city,
    street: `${1 + Math.floor(r() * 900)} ${pick(r, STREETS)}`,
    postcode: place.postcode(r),
    switchboard: phoneNumber(r, place, pick(r, city.areas), false),
    pattern: pick(r, ['first.last', 'first.last', 'flast', 'firstl', 'first', 'first_last'] as const),
  };
}

function surname(r: Rng): string {
  if (r() < 0.45) return zipf(r, SURNAMES, 1.2);
  const s = `${pick(r, SYLLABLES)}${pick(r, SYLLABLES)}${pick(r, SURNAME_TAILS)}`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function workLocal(pattern: Company['pattern'], first: string, last: string): string {
  const f = ascii(first);
  const l = ascii(last);
  switch (pattern) {
    case 'first.last':
      return `${f}.${l}`;
    case 'flast':
      return `${f.charAt(0)}${l}`;
    case 'firstl':
      return `${f}${l.charAt(0)}`;
    case 'first':
      return f;
    case 'first_last':
      return `${f}_${l}`;
  }
}

function personalEmail(r: Rng, first: string, last: string): string {
  const f = ascii(first);
  const l = ascii(last);
  const local = pick(r, [
    `${f}.${l}`,
    `${f}${l}`,
    `${f}.${l}.${1960 + Math.floor(r() * 40)}`,
    `${f.charAt(0)}${l}${Math.floor(r() * 100)}`,
  ]);
  return `${local}@${pick(r, FREE_MAIL)}`;
}

interface Draft {
  people: Person[];
  nextEntity: number;
  nextGroup: number;
}

/** A company's staff, with its hard negatives: shared surnames, the switchboard, role inboxes. */
function addCompanyPeople(r: Rng, draft: Draft, company: Company, size: number): void {
  const group = draft.nextGroup++;
  const used = new Set<string>();
  const staff: Person[] = [];
  for (let i = 0; i < size; i++) {
    const [first, nicknames] = zipf(r, GIVEN_NAMES);
    // Colleagues sharing a surname: about one company in five has two people with one family name.
    const sharedSurname = i === 1 && r() < 0.2 ? staff[0]?.last : undefined;
    const last = sharedSurname ?? surname(r);
    let local = workLocal(company.pattern, first, last);
    for (let k = 2; used.has(local); k++) local = `${workLocal(company.pattern, first, last)}${k}`;
    used.add(local);
    const lineRoll = r();
    const person: Person = {
      entity: draft.nextEntity++,
      first,
      nicknames,
      last,
      suffix: '',
      title: pick(r, JOB_TITLES),
      company,
      place: company.place,
      city: company.city,
      street: company.street,
      postcode: company.postcode,
      phone:
        lineRoll < 0.5
          ? phoneNumber(r, company.place, pick(r, company.city.areas), false)
          : lineRoll < 0.8
            ? company.switchboard
            : null,
      mobile: r() < 0.3 ? phoneNumber(r, company.place, pick(r, company.city.areas), true) : null,
      email: r() < 0.92 ? `${local}@${company.domain}` : null,
      personalEmail: r() < 0.3 ? personalEmail(r, first, last) : null,
      group,
    };
    staff.push(person);
  }
  // Role inboxes: at some small firms several people are entered with info@ or sales@.
  if (size >= 2 && r() < 0.1) {
    const inbox = `${pick(r, ROLE_LOCAL_PARTS)}@${company.domain}`;
    for (const person of staff.slice(0, 2 + Math.floor(r() * Math.min(3, size - 1)))) person.email = inbox;
  }
  draft.people.push(...staff);
}

/** A household: family members at one address with a shared landline, sometimes a father and a son (Sr/Jr). */
function addHousehold(r: Rng, draft: Draft): void {
  const group = draft.nextGroup++;
  const place = placeOf(r);
  const city = pick(r, place.cities);
  const last = surname(r);
  const street = `${1 + Math.floor(r() * 300)} ${pick(r, STREETS)}`;
  const postcode = place.postcode(r);
  const landline = r() < 0.7 ? phoneNumber(r, place, pick(r, city.areas), false) : null;
  const size = 2 + Math.floor(r() * 3);
  const firsts = new Set<string>();
  const juniorSenior = r() < 0.25;
  for (let i = 0; i < size; i++) {
    let entry = zipf(r, GIVEN_NAMES);
    if (juniorSenior && i === 1) entry = GIVEN_NAMES.find(([f]) => f === draft.people.at(-1)?.first) ?? entry;
    else while (firsts.has(entry[0])) entry = zipf(r, GIVEN_NAMES);
    firsts.add(entry[0]);
    const suffix = juniorSenior && i < 2 ? (i === 0 ? (r() < 0.75 ? 'Sr.' : '') : 'Jr.') : '';
    draft.people.push({
      entity: draft.nextEntity++,
      first: entry[0],
      nicknames: entry[1],
      last,
      suffix,
      title: '',
      company: null,
      place,
      city,
      street,
      postcode,
      phone: landline,
      mobile: r() < 0.6 ? phoneNumber(r, place, pick(r, city.areas), true) : null,
      email: r() < 0.85 ? personalEmail(r, entry[0], last) : null,
      personalEmail: null,
      group,
    });
  }
}

/** Namesakes: a person elsewhere who carries the same full name as someone already generated. */
function addNamesake(r: Rng, draft: Draft, company: Company): void {
  const twin = pick(r, draft.people);
  addCompanyPeople(r, draft, company, 1);
  const me = draft.people.at(-1);
  if (me === undefined) return;
  me.first = twin.first;
  me.nicknames = twin.nicknames;
  me.last = twin.last;
  if (me.email !== null) me.email = `${workLocal(company.pattern, twin.first, twin.last)}@${company.domain}`;
}

function typo(r: Rng, s: string): string {
  if (s.length < 4) return s;
  const i = 1 + Math.floor(r() * (s.length - 2));
  const roll = r();
  if (roll < 0.35) return s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2);
  if (roll < 0.65) return s.slice(0, i) + s.slice(i + 1);
  if (roll < 0.85) return s.slice(0, i) + s.charAt(i) + s.slice(i);
  return s.slice(0, i) + String.fromCharCode(97 + Math.floor(r() * 26)) + s.slice(i + 1);
}

function caseNoise(r: Rng, s: string): string {
  const roll = r();
  if (roll < 0.06) return s.toUpperCase();
  if (roll < 0.12) return s.toLowerCase();
  if (roll < 0.16) return ` ${s}  `;
  return s;
}

function plusTag(email: string, tag: string): string {
  const at = email.indexOf('@');
  return `${email.slice(0, at)}+${tag}${email.slice(at)}`;
}

/** The record of a person as one data entry produced it. `copy` > 0 adds the noise duplicates carry. */
function render(r: Rng, p: Person, copy: number, companies: readonly Company[]): Record<string, string> {
  let first = p.first;
  let last = p.last;
  let company = p.company;
  let email = p.email;
  let phone = p.phone;
  let mobile = p.mobile;
  let title = p.title;
  let countryText = r() < 0.8 ? pick(r, p.place.spellings.slice(0, 2)) : '';
  let legal = company?.legalForm ?? '';
  let city = p.city.city;
  if (copy > 0) {
    // A person who moved company: new employer, new work mailbox and line; a mobile or personal
    // mailbox may follow them.
    if (company !== null && r() < 0.06) {
      company = pick(r, companies);
      email =
        r() < 0.5 && p.personalEmail !== null
          ? p.personalEmail
          : `${ascii(first).charAt(0)}${ascii(last)}.${p.entity}@${company.domain}`;
      phone = r() < 0.5 ? phoneNumber(r, company.place, pick(r, company.city.areas), false) : null;
      title = pick(r, JOB_TITLES);
      legal = company.legalForm;
      city = company.city.city;
    } else {
      const nameRoll = r();
      if (nameRoll < 0.3 && p.nicknames.length > 0) first = pick(r, p.nicknames);
      else if (nameRoll < 0.36) first = typo(r, first);
      else if (nameRoll < 0.38) first = `${first.charAt(0)}.`;
      if (r() < 0.12) last = typo(r, last);
      else if (r() < 0.3)
        last =
          ascii(last) === last.toLowerCase() ? last : last.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      const mailRoll = r();
      if (email !== null) {
        if (mailRoll < 0.4) email = caseNoise(r, email);
        else if (mailRoll < 0.5) email = plusTag(email, pick(r, ['webinar', 'events', 'crm', 'news']));
        else if (mailRoll < 0.7) email = p.personalEmail ?? personalEmail(r, p.first, p.last);
        else if (mailRoll < 0.78) email = null;
        else if (mailRoll < 0.82) email = typo(r, email);
        else if (mailRoll < 0.85 && company !== null && p.nicknames.length > 0)
          email = `${workLocal(company.pattern, pick(r, p.nicknames), last)}@${company.domain}`;
      }
      if (email !== null && email.endsWith('@gmail.com') && r() < 0.5) {
        const at = email.indexOf('@');
        email = `${email.slice(0, at).replaceAll('.', '')}@gmail.com`;
      }
      const phoneRoll = r();
      if (phoneRoll < 0.18) phone = null;
      else if (phoneRoll < 0.26 && mobile !== null) [phone, mobile] = [mobile, null];
      if (r() < 0.25) countryText = '';
      if (r() < 0.25) legal = pick(r, p.place.legalForms);
      if (r() < 0.2) city = '';
      if (r() < 0.2) title = pick(r, JOB_TITLES);
    }
  }
  const companyText =
    company === null
      ? ''
      : caseNoise(r, `${r() < 0.05 ? 'The ' : ''}${company.name}${legal === '' ? '' : ` ${legal}`}`);
  return {
    first: caseNoise(r, first),
    last: caseNoise(r, last),
    suffix: p.suffix,
    title,
    company: companyText,
    email: email ?? '',
    phone: phone === null ? '' : formatPhone(r, company?.place ?? p.place, phone),
    mobile: mobile === null ? '' : formatPhone(r, p.place, mobile),
    street: company === null || r() < 0.5 ? p.street : '',
    city,
    state: city === '' ? '' : p.city.state,
    postcode: r() < 0.6 ? p.postcode : '',
    country: countryText,
    website: company !== null && r() < 0.5 ? `https://www.${company.domain}` : '',
  };
}

export interface CrmBenchmarkOptions {
  readonly entities: number;
  readonly seed?: number;
  /** Share of people with at least one duplicate record. */
  readonly duplicateShare?: number;
}

/** Generates the benchmark: a Salesforce and a HubSpot export, with the entity of every row. */
export function generateCrmBenchmark(options: CrmBenchmarkOptions): { files: CrmFile[]; truePairs: number } {
  const r = random(options.seed ?? 2026);
  const dupShare = options.duplicateShare ?? 0.22;
  const { draft, companies } = draftPeople(r, options.entities);
  const files: { crm: CrmName; header: readonly string[]; rows: CrmRow[]; emails: Set<string> }[] = [
    { crm: 'salesforce', header: SALESFORCE_HEADER, rows: [], emails: new Set() },
    { crm: 'hubspot', header: HUBSPOT_HEADER, rows: [], emails: new Set() },
  ];
  const created = Date.UTC(2019, 0, 1);
  let serial = 0;
  for (const person of draft.people) {
    const file = files[person.group % 2] ?? files[0];
    if (file === undefined) continue;
    const copies = r() < dupShare ? 1 + (r() < 0.2 ? 1 + Math.floor(r() * 2) : 0) : 0;
    for (let copy = 0; copy <= copies; copy++) {
      const v = render(r, person, copy, companies);
      const when = new Date(created + Math.floor(r() * 2.2e11)).toISOString();
      serial++;
      const row =
        file.crm === 'salesforce'
          ? salesforceRow(r, person, v, serial, when)
          : hubspotRow(r, person, v, serial, when, file.emails);
      if (row !== null) file.rows.push(row);
    }
  }
  let truePairs = 0;
  for (const file of files) {
    const counts = new Map<number, number>();
    for (const row of file.rows) counts.set(row.entity, (counts.get(row.entity) ?? 0) + 1);
    for (const c of counts.values()) truePairs += (c * (c - 1)) / 2;
  }
  return { files: files.map(({ crm, header, rows }) => ({ crm, header, rows })), truePairs };
}

/** People until `entities` are drawn: households, namesakes, and companies of one to fifty people. */
function draftPeople(r: Rng, entities: number): { draft: Draft; companies: Company[] } {
  const draft: Draft = { people: [], nextEntity: 0, nextGroup: 0 };
  const companies: Company[] = [];
  while (draft.nextEntity < entities) {
    const roll = r();
    if (roll < 0.1) addHousehold(r, draft);
    else if (roll < 0.13 && draft.people.length > 100) {
      const company = makeCompany(r, companies.length);
      companies.push(company);
      addNamesake(r, draft, company);
    } else {
      const company = makeCompany(r, companies.length);
      companies.push(company);
      const sizeRoll = r();
      const size =
        sizeRoll < 0.55
          ? 1 + Math.floor(r() * 2)
          : sizeRoll < 0.9
            ? 3 + Math.floor(r() * 8)
            : 10 + Math.floor(r() * 40);
      addCompanyPeople(r, draft, company, size);
    }
  }
  return { draft, companies };
}

/** One row of a Salesforce Leads report export. */
function salesforceRow(
  r: Rng,
  person: Person,
  v: Record<string, string>,
  serial: number,
  when: string,
): CrmRow {
  const id = `00Q5g00000${serial.toString(36).toUpperCase().padStart(5, '0')}`;
  return {
    entity: person.entity,
    values: {
      'Lead ID': id,
      Salutation: r() < 0.3 ? pick(r, ['Mr.', 'Ms.', 'Mrs.', 'Dr.']) : '',
      'First Name': v.first ?? '',
      'Last Name': v.last ?? '',
      Suffix: v.suffix ?? '',
      Title: v.title ?? '',
      // Web-to-Lead writes "[not provided]" when a form has no company (Company is required on Lead).
      'Company / Account': v.company === '' ? '[not provided]' : (v.company ?? ''),
      Email: v.email ?? '',
      Phone: v.phone ?? '',
      Mobile: v.mobile ?? '',
      Street: v.street ?? '',
      City: v.city ?? '',
      'State/Province': v.state ?? '',
      'Zip/Postal Code': v.postcode ?? '',
      Country: v.country ?? '',
      Website: v.website ?? '',
      'Lead Source': pick(r, ['Web', 'Trade Show', 'Partner Referral', 'Purchased List', 'Webinar']),
      'Create Date': when.slice(0, 10),
    },
  };
}

/**
 * One row of a HubSpot contacts export, or null when the email is taken: HubSpot keeps one contact
 * per email address, so an import or form fill with a known address updates that contact instead.
 * https://knowledge.hubspot.com/records/deduplication-of-records
 */
function hubspotRow(
  r: Rng,
  person: Person,
  v: Record<string, string>,
  serial: number,
  when: string,
  emails: Set<string>,
): CrmRow | null {
  const key = (v.email ?? '').trim().toLowerCase();
  if (key !== '' && emails.has(key)) return null;
  if (key !== '') emails.add(key);
  const suffix = v.suffix === '' ? '' : ` ${v.suffix}`;
  return {
    entity: person.entity,
    values: {
      'Record ID': String(1_000_000 + serial * 7),
      'First Name': v.first ?? '',
      'Last Name': `${v.last ?? ''}${suffix}`,
      Email: v.email ?? '',
      'Phone Number': v.phone ?? '',
      'Mobile Phone Number': v.mobile ?? '',
      'Company Name': v.company ?? '',
      'Job Title': v.title ?? '',
      'Street Address': v.street ?? '',
      City: v.city ?? '',
      'State/Region': v.state ?? '',
      'Postal Code': v.postcode ?? '',
      'Country/Region': v.country ?? '',
      'Website URL': v.website ?? '',
      'Lifecycle Stage': pick(r, ['lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'customer']),
      'Create Date': when.replace('T', ' ').slice(0, 16),
    },
  };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes one export as CSV (header row first), as the CRM's export button would. */
export async function writeCrmCsv(path: string, file: CrmFile): Promise<void> {
  const lines = [file.header.map(csvField).join(',')];
  for (const row of file.rows) lines.push(file.header.map((h) => csvField(row.values[h] ?? '')).join(','));
  await writeFile(path, `${lines.join('\r\n')}\r\n`);
}
