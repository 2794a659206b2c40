import { day } from '../../why-page/format.js';
import type { Comparison, WhyView } from '../../why-page/why-view.js';
import { html, type HtmlValue, type SafeHtml } from '../console/html.js';
import { creditChart } from './why-chart.js';

/** The document around a page; the stylesheet path is relative so a path prefix in front still works. */
export function whyDocument(title: string, cssHref: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${title} · partnersync</title>
        <link rel="stylesheet" href="${cssHref}" />
      </head>
      <body>
        <main class="why">${body}</main>
      </body>
    </html>`.value;
}

const cell = (value: string | null, same: boolean): HtmlValue =>
  value === null || value === ''
    ? html`<span class="muted">—</span>`
    : same
      ? html`<mark>${value}</mark>`
      : value;

function comparisonTable(c: Comparison): SafeHtml {
  return html`<section aria-labelledby="compare-h">
    <h2 id="compare-h">The two records side by side</h2>
    <table class="compare">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">${c.leftTitle}</th>
          <th scope="col">${c.rightTitle}</th>
        </tr>
      </thead>
      <tbody>
        ${c.rows.map(
          (r) =>
            html`<tr class="${r.same ? 'same' : 'differs'}">
              <th scope="row">${r.label}</th>
              <td>${cell(r.left, r.same)}</td>
              <td>${cell(r.right, r.same)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="record">Highlighted: the values both records share.</p>
  </section>`;
}

/** The read-only page of one record: decision, evidence, timeline, credit chart, comparison. */
export function renderWhyPage(view: WhyView, cssHref: string): string {
  const body = html`<p class="record">${view.record}</p>
    <h1>${view.title}</h1>
    <p class="decision tone-${view.decision.tone}">${view.decision.text}</p>
    <section aria-labelledby="evidence-h">
      <h2 id="evidence-h">What we found</h2>
      <ul class="evidence">
        ${view.evidence.map((e) => html`<li>${e}</li>`)}
      </ul>
    </section>
    ${view.comparison === null ? '' : comparisonTable(view.comparison)}
    ${
      view.credit === null
        ? ''
        : html`<section aria-labelledby="credit-h">
            <h2 id="credit-h">Credit split</h2>
            <p>${view.credit.how}</p>
            ${creditChart(view.credit.bars)}
          </section>`
    }
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      <ol class="timeline">
        ${view.timeline.map((e) => html`<li><time datetime="${e.at}">${day(e.at)}</time>${e.text}</li>`)}
      </ol>
    </section>
    <footer>
      ${view.decidedAt === null ? '' : `Decided ${day(view.decidedAt)} by partnersync. `}This page shows this
      one record only and changes nothing.
    </footer>`;
  return whyDocument(view.title, cssHref, body);
}
