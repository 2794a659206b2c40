/**
 * Local parts of role mailboxes: addresses a team reads, not a person (RFC 2142 "Mailbox names for
 * common services, roles and functions": info, marketing, sales, support …, plus the usual office
 * inboxes). CRMs collect several people under one of these, so a shared role address says the records
 * belong to one organisation, not that they are one person.
 */
const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
  'info',
  'information',
  'sales',
  'marketing',
  'support',
  'help',
  'helpdesk',
  'contact',
  'contactus',
  'hello',
  'hi',
  'office',
  'admin',
  'administration',
  'enquiries',
  'enquiry',
  'inquiries',
  'inquiry',
  'billing',
  'accounts',
  'accounting',
  'finance',
  'invoices',
  'hr',
  'jobs',
  'careers',
  'recruiting',
  'team',
  'mail',
  'email',
  'general',
  'reception',
  'service',
  'customerservice',
  'orders',
  'purchasing',
  'procurement',
  'press',
  'media',
  'partners',
  'webmaster',
  'postmaster',
  'noreply',
  'no-reply',
  'abuse',
  'security',
]);

/** True for a role mailbox local part (`info`, `sales`, `info.de`, `sales-emea`). */
export function isRoleMailbox(local: string): boolean {
  if (ROLE_LOCAL_PARTS.has(local)) return true;
  const head = local.split(/[.\-_]/)[0] ?? '';
  return head !== local && ROLE_LOCAL_PARTS.has(head);
}
