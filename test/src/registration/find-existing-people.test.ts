import { describe, expect, it } from 'vitest';

import type { Person } from '../../../src/domain/entities.js';
import { findExistingPeople } from '../../../src/registration/find-existing-people.js';
import { lead } from '../attribution/fixtures.js';
import { registration } from './fixtures.js';

/** A lead or contact; only its id, kind and email matter here. */
function person(id: string, email: string | null, kind: Person['kind'] = 'contact'): Person {
  return lead(id, { email, kind });
}

describe('findExistingPeople', () => {
  it('finds the leads and contacts with the contact email however it is spelled, by id', () => {
    const reg = registration('R1', { contactEmail: 'ann.lee+deal@acme.com' });
    const people = [
      person('00QB', ' ANN.LEE@acme.com', 'lead'),
      person('003A', 'Ann.Lee@acme.com'),
      person('003C', 'bob@acme.com'),
      person('003D', null),
    ];
    expect(findExistingPeople(reg, people)).toEqual([
      { id: '003A', score: 1, reason: 'existing contact with the same email' },
      { id: '00QB', score: 1, reason: 'existing lead with the same email' },
    ]);
  });

  it('finds nobody when the registration has no usable contact email', () => {
    const people = [person('003A', 'ann.lee@acme.com')];
    expect(findExistingPeople(registration('R1', { contactEmail: null }), people)).toEqual([]);
    expect(findExistingPeople(registration('R1', { contactEmail: 'not an email' }), people)).toEqual([]);
  });
});
