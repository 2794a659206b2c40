import { describe, expect, it } from 'vitest';
import { checkTransition } from '../../../src/registration/check-transition.js';
import { convertRegistration } from '../../../src/registration/convert-registration.js';
import { expireRegistrations } from '../../../src/registration/expire-registrations.js';
import { extendRegistration } from '../../../src/registration/extend-registration.js';
import { defaultRegistrationRules } from '../../../src/registration/registration-rules.js';
import { resolveReview } from '../../../src/registration/resolve-review.js';
import { reviewRegistration } from '../../../src/registration/review-registration.js';
import { addUtcDays } from '../../../src/registration/utc-date.js';
import { NOW, account, context, opportunity, registration, sameCompanyName } from './fixtures.js';

const approved = registration('R-1', {
  status: 'approved',
  submittedAt: '2026-03-01T09:00:00.000Z',
  decidedAt: '2026-03-01T09:01:00.000Z',
  expiresOn: '2026-05-30',
});

describe('expireRegistrations', () => {
  const others = [
    registration('R-2', { status: 'approved', expiresOn: '2026-05-30', opportunityId: 'O-1' }),
    registration('R-3', { status: 'pending_review', expiresOn: null }),
    registration('R-4', { status: 'converted', expiresOn: '2026-04-01', opportunityId: 'O-2' }),
  ];
  it('keeps an approved registration protected through its expiry day', () => {
    expect(expireRegistrations([approved, ...others], '2026-05-30T23:59:59.999Z')).toEqual([]);
  });

  it('expires approved, unconverted registrations the day after expiresOn', () => {
    const result = expireRegistrations([approved, ...others], '2026-05-31T00:00:00.000Z');
    expect(result.map((r) => [r.registration.id, r.registration.status, r.reason])).toEqual([
      ['R-1', 'expired', 'Expired: not converted into an opportunity by 30 May 2026'],
    ]);
  });
});

describe('convertRegistration', () => {
  const acct = account('A-1');
  it.each([
    { what: 'on the submission instant', createdAt: '2026-03-01T09:00:00.000Z', ok: true },
    { what: 'on the last protected day', createdAt: '2026-05-30T23:59:59.999Z', ok: true },
    { what: 'before the submission', createdAt: '2026-03-01T08:59:59.999Z', ok: false },
    { what: 'the day after expiry', createdAt: '2026-05-31T00:00:00.000Z', ok: false },
  ])('converts for an opportunity created $what: $ok', ({ createdAt, ok }) => {
    const result = convertRegistration(approved, opportunity('O-1', { createdAt }), {
      account: acct,
      matchCompany: sameCompanyName,
    });
    expect(result.ok).toBe(ok);
    if (result.ok) {
      expect(result.registration).toMatchObject({ status: 'converted', opportunityId: 'O-1' });
      expect(result.reason).toBe(
        `Converted into the opportunity “Deal”, created ${createdAt.startsWith('2026-03') ? '1 Mar 2026' : '30 May 2026'}`,
      );
    } else {
      expect(result).toMatchObject({ code: 'outside_window', from: 'approved', to: 'converted' });
    }
  });

  it('refuses an opportunity for another customer', () => {
    const other = account('A-2', { name: 'Else Ltd', domain: 'else.com' });
    const result = convertRegistration(approved, opportunity('O-1', { createdAt: NOW, accountId: 'A-2' }), {
      account: other,
      matchCompany: sameCompanyName,
    });
    expect(result).toMatchObject({ ok: false, code: 'different_customer' });
  });

  it('is a no-op when already converted into the same opportunity', () => {
    const first = convertRegistration(approved, opportunity('O-1', { createdAt: NOW }), {
      account: acct,
      matchCompany: sameCompanyName,
    });
    if (!first.ok) throw new Error(first.reason);
    const again = convertRegistration(first.registration, opportunity('O-1', { createdAt: NOW }), {
      account: acct,
      matchCompany: sameCompanyName,
    });
    expect(again).toMatchObject({ ok: true, changed: false, registration: first.registration });
  });

  it('refuses to convert a registration that is not approved', () => {
    const result = convertRegistration(
      { ...approved, status: 'rejected' },
      opportunity('O-1', { createdAt: NOW }),
      { account: acct, matchCompany: sameCompanyName },
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'illegal_transition',
      reason: 'Registration R-1 is rejected and cannot become converted: it is final',
    });
  });
});

describe('extendRegistration', () => {
  const limits = defaultRegistrationRules.extensions;
  it('pushes the expiry by whole UTC days and counts the extension', () => {
    const result = extendRegistration(approved, { days: 30, extensionsUsed: 0 }, limits, NOW);
    expect(result).toMatchObject({
      ok: true,
      extensionsUsed: 1,
      registration: { status: 'approved', expiresOn: '2026-06-29' },
      reason: 'Extended by 30 days to 29 Jun 2026 (extension 1 of 2)',
    });
  });

  it.each([
    { what: 'beyond the extension limit', reg: approved, days: 10, used: 2, code: 'extension_limit' },
    { what: 'longer than allowed at once', reg: approved, days: 31, used: 0, code: 'invalid_extension' },
    { what: 'for a fraction of a day', reg: approved, days: 1.5, used: 0, code: 'invalid_extension' },
    {
      what: 'after the expiry day',
      reg: { ...approved, expiresOn: '2026-02-28' },
      days: 10,
      used: 0,
      code: 'illegal_transition',
    },
    {
      what: 'of a converted registration',
      reg: { ...approved, status: 'converted' as const, opportunityId: 'O-1' },
      days: 10,
      used: 0,
      code: 'illegal_transition',
    },
    {
      what: 'of a rejected registration',
      reg: { ...approved, status: 'rejected' as const },
      days: 10,
      used: 0,
      code: 'illegal_transition',
    },
  ])('refuses an extension $what', ({ reg, days, used, code }) => {
    expect(extendRegistration(reg, { days, extensionsUsed: used }, limits, NOW)).toMatchObject({
      ok: false,
      code,
    });
  });
});

describe('registration transitions', () => {
  it.each([
    ['submitted', 'approved', true],
    ['submitted', 'converted', false],
    ['pending_review', 'rejected', true],
    ['approved', 'converted', true],
    ['approved', 'expired', true],
    ['approved', 'rejected', false],
    ['rejected', 'approved', false],
    ['expired', 'approved', false],
    ['converted', 'expired', false],
  ] as const)('allows %s → %s: %s', (from, to, allowed) => {
    expect(checkTransition(registration('R-1', { status: from }), to) === null).toBe(allowed);
  });

  it('refuses to review a registration that was already decided', () => {
    expect(reviewRegistration(approved, context(), defaultRegistrationRules, NOW)).toMatchObject({
      ok: false,
      code: 'illegal_transition',
      from: 'approved',
    });
  });

  it('lets a human approve or reject a pending registration, and nothing else', () => {
    const pending = registration('R-5', { status: 'pending_review' });
    expect(
      resolveReview(pending, 'approved', 'checked with the AE', defaultRegistrationRules, NOW),
    ).toMatchObject({
      ok: true,
      registration: { status: 'approved', expiresOn: '2026-05-30', decidedAt: NOW },
    });
    expect(
      resolveReview(pending, 'rejected', 'existing customer', defaultRegistrationRules, NOW),
    ).toMatchObject({
      ok: true,
      registration: { status: 'rejected', reason: 'Rejected on review: existing customer', expiresOn: null },
    });
    expect(resolveReview(registration('R-6'), 'approved', 'x', defaultRegistrationRules, NOW)).toMatchObject({
      ok: false,
      code: 'illegal_transition',
    });
  });

  it('computes dates in UTC whatever the time of day', () => {
    expect(addUtcDays('2026-03-28T23:30:00.000-05:00', 1)).toBe('2026-03-30');
    expect(addUtcDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});
