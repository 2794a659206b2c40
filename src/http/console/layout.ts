import { type HtmlValue, type SafeHtml, html } from './html.js';
import type { ConsoleSession } from './session-store.js';

export const BASE = '/admin/console';

export interface Flash {
  readonly kind: 'error' | 'success';
  readonly text: string;
}

/** Hidden synchronizer-token field; every form that changes something includes it. */
export function csrfField(session: ConsoleSession): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${session.csrf}" />`;
}

export function flashBox(flash: Flash | undefined): SafeHtml {
  if (flash === undefined) return html``;
  return html`<div class="flash ${flash.kind}" role="${flash.kind === 'error' ? 'alert' : 'status'}">
    ${flash.text}
  </div>`;
}

/** The page shell: one stylesheet and one script, both self-hosted; a nav that works by keyboard. */
export function layout(title: string, session: ConsoleSession | null, body: HtmlValue): string {
  const nav =
    session === null
      ? html``
      : html`<nav aria-label="Console">
            <a href="${BASE}/">Connections</a>
            <a href="${BASE}/review/registrations">Review</a>
            <a href="${BASE}/reports">Reports</a>
            <a href="${BASE}/what-if">What-if</a>
            <a href="${BASE}/duplicates">Duplicates</a>
          </nav>
          <span class="muted">signed in as ${session.actor.identity}</span>
          <form method="post" action="${BASE}/logout">
            ${csrfField(session)}<button type="submit" class="secondary">Log out</button>
          </form>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · partnersync</title>
        <link rel="stylesheet" href="${BASE}/assets/console.css" />
        <script src="${BASE}/assets/console.js" defer></script>
      </head>
      <body>
        <header><span class="brand">partnersync</span>${nav}</header>
        <main id="main">${body}</main>
      </body>
    </html>`.value;
}
