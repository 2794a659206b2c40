/** One deal registration a partner submits in the demo. */
export interface DemoRegistration {
  readonly partner: string;
  readonly company: string;
  readonly domain: string;
  readonly amount: number;
  readonly email: string;
}

/** The partners the rep adds to the registered deal for their help (influence). */
export const HELPING_PARTNERS = ['Contoso Integrations GmbH', 'Fabrikam Cloud Ltd'] as const;

/**
 * The same story in each CRM, so both show every review outcome: Northwind registers the customer
 * first (approved), Contoso the same customer later under an abbreviated name (protected by
 * Northwind's), Fabrikam a customer that already has an open deal (Globex), and Northwind the first
 * customer again with a legal suffix (a duplicate of its own).
 */
export function demoRegistrations(customer: {
  readonly name: string;
  readonly abbreviated: string;
  readonly domain: string;
  readonly amounts: readonly [number, number];
  readonly contacts: readonly [string, string];
}): DemoRegistration[] {
  const { name, domain, amounts, contacts } = customer;
  return [
    { partner: 'Northwind Resellers', company: name, domain, amount: amounts[0], email: contacts[0] },
    {
      partner: 'Contoso Integrations GmbH',
      company: customer.abbreviated,
      domain,
      amount: amounts[1],
      email: contacts[1],
    },
    {
      partner: 'Fabrikam Cloud Ltd',
      company: 'Globex',
      domain: 'globex.example',
      amount: 40_000,
      email: 'hank@globex.example',
    },
    {
      partner: 'Northwind Resellers',
      company: `${name} Inc`,
      domain,
      amount: amounts[0],
      email: contacts[0],
    },
  ];
}

/** The registered deal closes in 30 days, so it is open whenever the demo runs. */
export function closeDateNextMonth(now = Date.now()): string {
  return new Date(now + 30 * 86_400_000).toISOString().slice(0, 10);
}
