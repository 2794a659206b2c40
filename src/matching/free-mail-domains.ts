import allProviders from 'email-providers/all.json' with { type: 'json' };

/**
 * Free and consumer mailbox domains (gmail.com, outlook.com, web.de, qq.com …). An address at one of
 * these says nothing about the person's employer, so it never counts as company evidence.
 * Source: the `email-providers` package (updated monthly), plus a few aliases it may lack.
 */
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  ...allProviders,
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  't-online.de',
  'mail.ru',
  'yandex.ru',
  'qq.com',
  '163.com',
  '126.com',
]);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain.toLowerCase());
}
