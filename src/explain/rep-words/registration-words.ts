import { repDate } from './rep-date.js';

/** How the customer was recognised: the same domain, or company names alike. */
export function customerMatchWords(match: {
  via: 'domain' | 'company' | 'none';
  score: number;
  domain?: string | null;
  /** The company matcher's own words ("Customer ≈ Customr"). */
  detail?: string;
}): string {
  if (match.via === 'domain')
    return match.domain == null ? 'same customer domain' : `same customer domain ${match.domain}`;
  const alike = `company names ${Math.round(match.score * 100)} % alike`;
  return match.detail === undefined ? alike : `${alike}: ${match.detail}`;
}

/** Another partner's approved registration protects the customer: "registered first by Northwind …, protected until 5 Mar 2027". */
export function registeredFirstWords(partner: string, protectedUntil: string | null): string {
  return protectedUntil === null
    ? `registered first by ${partner}`
    : `registered first by ${partner}, protected until ${repDate(protectedUntil)}`;
}

/** An open opportunity of the same customer existed before the registration was submitted. */
export function openOpportunityWords(account: string, opportunity: string, createdAt: string): string {
  return `${account} already has the open opportunity “${opportunity}”, created ${repDate(createdAt)}`;
}

/** A registration approved after another partner's, although submitted first. */
export function approvedLaterWords(partner: string): string {
  return `${partner}'s later registration was approved first`;
}

/** Another partner's earlier registration still waits for a decision. */
export function earlierPendingWords(partner: string, submittedAt: string): string {
  return `${partner} registered this customer earlier (${repDate(submittedAt)}) and is still waiting for a decision`;
}

/** The same partner already registered this customer. */
export function samePartnerWords(customer: string, submittedAt: string): string {
  return `this partner already registered ${customer} on ${repDate(submittedAt)}`;
}

export function approvedWords(customer: string, protectedUntil: string): string {
  return `Approved: no open opportunity or other registration for ${customer}; protected until ${repDate(protectedUntil)}`;
}

/** The converted registration names the opportunity it became and when; nothing about how it matched. */
export function convertedWords(opportunity: string, createdAt: string): string {
  return `Converted into the opportunity “${opportunity}”, created ${repDate(createdAt)}`;
}

export function protectedUntilWords(protectedUntil: string | null): string {
  return protectedUntil === null ? 'protected' : `protected until ${repDate(protectedUntil)}`;
}
