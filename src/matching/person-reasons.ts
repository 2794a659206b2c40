import { multiWordSimilarity, nameSimilarity } from './comparators.js';
import type { CompiledWeights } from './fellegi-sunter.js';
import { DIFFERENT, EXACT, FUZZY, fieldBits } from './fellegi-sunter.js';
import { areNicknames } from './nicknames.js';
import { sameMailboxWords } from '../explain/rep-words/index.js';
import type { PersonComparison } from './compare-people.js';
import type { PersonScore } from './person-score.js';
import { PERSON_FIELDS } from './person-model.js';
import type { PersonField } from './person-model.js';
import type { PreparedRecord } from './prepare-record.js';

/** One reason a rep can read, with the weight (bits) it contributed; positive = evidence of a match. */
export interface Reason {
  readonly field: PersonField | 'name';
  readonly bits: number;
  readonly text: string;
}

const LABELS: Readonly<Record<PersonField, string>> = {
  email: 'email',
  mailbox: 'mailbox at the same company domain',
  phone: 'phone',
  mobile: 'mobile number',
  externalId: 'id',
  firstName: 'first name',
  lastName: 'last name',
  generation: 'suffix',
  company: 'company',
  companyDomain: 'company domain',
  streetNumber: 'street number',
  street: 'street',
  address2: 'address line 2',
  city: 'city',
  postcode: 'postcode',
  state: 'state',
  dateOfBirth: 'date of birth',
};

function show(value: string | null | undefined): string {
  return (value ?? '').trim();
}

function rawOf(r: PreparedRecord, field: PersonField): string {
  const s = r.source;
  switch (field) {
    case 'email':
    case 'mailbox':
      return show(s.email);
    case 'phone':
      return r.phones[0]?.e164 ?? r.phones[0]?.national ?? '';
    case 'mobile': {
      const mobile = r.phones.find((p) => p.mobile === true);
      return mobile?.e164 ?? mobile?.national ?? '';
    }
    case 'generation':
      return r.generation ?? '';
    case 'externalId':
      return show(s.externalId);
    case 'firstName':
      return show(s.firstName);
    case 'lastName':
      return show(s.lastName);
    case 'company':
      return show(s.company);
    case 'companyDomain':
      return r.companyDomain ?? '';
    case 'streetNumber':
      return show(s.streetNumber);
    case 'street':
      return show(s.street);
    case 'address2':
      return show(s.address2);
    case 'city':
      return show(s.city);
    case 'postcode':
      return show(s.postalCode);
    case 'state':
      return show(s.state);
    case 'dateOfBirth':
      return show(s.dateOfBirth);
  }
}

/** The field of the right-hand record that was compared with `field` (names or address lines may be swapped). */
function counterpart(field: PersonField, comparison: PersonComparison): PersonField {
  if (comparison.namesSwapped && field === 'firstName') return 'lastName';
  if (comparison.namesSwapped && field === 'lastName') return 'firstName';
  if (comparison.addressSwapped && field === 'street') return 'address2';
  if (comparison.addressSwapped && field === 'address2') return 'street';
  return field;
}

function normalisedName(r: PreparedRecord, field: 'firstName' | 'lastName'): string {
  return (field === 'firstName' ? r.firstName : r.lastName) ?? '';
}

function similarity(field: PersonField, other: PersonField, a: PreparedRecord, b: PreparedRecord): number {
  if ((field === 'firstName' || field === 'lastName') && (other === 'firstName' || other === 'lastName')) {
    return nameSimilarity(normalisedName(a, field), normalisedName(b, other));
  }
  if (field === 'company') return multiWordSimilarity(a.company?.tokens ?? [], b.company?.tokens ?? []);
  if ((field === 'street' || field === 'address2') && (other === 'street' || other === 'address2')) {
    return multiWordSimilarity(a[field], b[other]);
  }
  return nameSimilarity(rawOf(a, field).toLowerCase(), rawOf(b, other).toLowerCase());
}

function describe(
  field: PersonField,
  level: number,
  a: PreparedRecord,
  b: PreparedRecord,
  comparison: PersonComparison,
): string {
  const label = LABELS[field];
  const other = counterpart(field, comparison);
  const left = rawOf(a, field);
  const right = rawOf(b, other);
  if (field === 'mailbox') {
    return level === DIFFERENT
      ? 'mailboxes numbered apart at the same company domain'
      : 'different mailbox at the same company domain';
  }
  if (level === DIFFERENT) {
    if (field === 'generation') return `different suffix ${left} ≠ ${right}`;
    if (field === 'firstName' && other === 'firstName') return `different first name ${left} ≠ ${right}`;
    return `different ${label}`;
  }
  if (field === 'generation') return `same suffix ${left}`;
  if (field === 'mobile') return `the shared phone is a mobile`;
  if (field === 'email' || field === 'phone' || field === 'externalId' || field === 'companyDomain') {
    if (level === EXACT && field === 'email') return sameMailboxWords(left, right);
    if (level === EXACT) return field === 'companyDomain' ? `same company domain ${left}` : `same ${label}`;
    if (field === 'email' && level === FUZZY) return `email ${left} ≈ ${right} (one typo)`;
    return field === 'email'
      ? `same email name ${left} ≈ ${right}`
      : `${label} ${left} ≈ ${right} (one typo)`;
  }
  if (level === EXACT) return left === right ? `same ${label} ${left}` : `${label} ${left} = ${right}`;
  if (field === 'firstName' && other === 'firstName' && areNicknames(a.firstName ?? '', b.firstName ?? '')) {
    return `${label} ${left} ≈ ${right} (nickname)`;
  }
  if (field === 'dateOfBirth') return `${label} ${left} ≈ ${right}`;
  const sim = similarity(field, other, a, b);
  const tag = level === FUZZY && sim < 0.8 ? ' (sounds alike)' : '';
  return `${label} ${left} ≈ ${right} ${sim.toFixed(2)}${tag}`;
}

/**
 * The reasons behind a score: every field that counted for the match (strongest first), then the
 * strongest disagreements, prefixed "but". Missing fields are not mentioned.
 */
export function personReasons(
  a: PreparedRecord,
  b: PreparedRecord,
  comparison: PersonComparison,
  weights: CompiledWeights,
  score?: PersonScore,
): Reason[] {
  const reasons: Reason[] = [];
  PERSON_FIELDS.forEach((field, f) => {
    const level = comparison.levels[f] ?? -1;
    if (level < 0) return;
    if (field === 'mobile' && score?.sharedLine === true) return;
    if (field === 'phone' && score?.sharedLine === true) {
      reasons.push({ field: 'name', bits: 0, text: 'same phone, but a shared office or household line' });
      return;
    }
    if (field === 'email' && score?.sharedMailbox === true) {
      reasons.push({ field: 'name', bits: 0, text: `same email ${rawOf(a, 'email')}, but a shared mailbox` });
      return;
    }
    const bits = fieldBits(weights, f, level);
    if (level !== DIFFERENT && bits <= 0.5 && field !== 'mailbox') return;
    reasons.push({ field, bits, text: describe(field, level, a, b, comparison) });
  });
  if (comparison.namesSwapped) reasons.push({ field: 'name', bits: 0, text: 'first and last name swapped' });
  if (comparison.addressSwapped) reasons.push({ field: 'name', bits: 0, text: 'address lines swapped' });
  const pro = reasons
    .filter((r) => r.bits > 0)
    .sort((x, y) => y.bits - x.bits || x.field.localeCompare(y.field));
  const con = reasons
    .filter((r) => r.bits < -1)
    .sort((x, y) => x.bits - y.bits || x.field.localeCompare(y.field));
  const notes = reasons.filter((r) => r.field === 'name');
  return [...pro, ...notes, ...con.slice(0, 2).map((r) => ({ ...r, text: `but ${r.text}` }))];
}

/** Joins reasons for a CRM text field ("same email; first name Bob ≈ Robert (nickname); …"), capped at `max` characters. */
export function formatReasons(reasons: readonly Reason[], max = 255): string {
  let text = '';
  for (const reason of reasons) {
    const next = text === '' ? reason.text : `${text}; ${reason.text}`;
    if (next.length > max) return text === '' ? reason.text.slice(0, max) : text;
    text = next;
  }
  return text;
}
