import type { Request, Response } from 'express';
import type { WhyRefusal } from '../../why-link/verify-why-link.js';
import { html } from '../console/html.js';
import { sendError } from '../send-error.js';
import { whyDocument } from './render-why-page.js';

/** Why a page is not shown: a bad or revoked link (403), or nothing decided about the record (404). */
export type WhyFailure = WhyRefusal | 'not_found';

const ANSWERS: Readonly<Record<WhyFailure, readonly [status: number, code: string, text: string]>> = {
  malformed: [403, 'why_link_invalid', 'This link is incomplete or was changed.'],
  bad_signature: [403, 'why_link_invalid', 'This link was changed or was not made by partnersync.'],
  revoked: [403, 'why_link_revoked', 'This link was signed with a key that has been replaced.'],
  not_found: [404, 'why_not_found', 'partnersync has not decided anything about this record (yet).'],
};

/** A refusal as JSON (when asked for) or as a small HTML page; neither says anything about the record. */
export function sendWhyFailure(req: Request, res: Response, failure: WhyFailure, cssHref: string): void {
  const [status, code, text] = ANSWERS[failure];
  if (req.accepts(['html', 'json']) === 'json') {
    sendError(res, status, code, text);
    return;
  }
  const body = html`<h1>This “Why?” link does not work</h1>
    <p class="decision tone-bad">${text}</p>
    <p>
      Open the record in your CRM again and use the link in its “Why?” field: links are renewed when a record
      is decided again.
    </p>`;
  res
    .status(status)
    .type('html')
    .send(whyDocument('Link not valid', cssHref, body));
}
