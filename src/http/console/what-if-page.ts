import type { z } from 'zod';
import { AttributionModel } from '../../attribution/attribution-config.js';
import { ConnectionList } from '../admin/admin-schemas.js';
import type { RecomputeResponse } from '../admin/post-attribution-recompute.js';
import type { DuplicatesRecomputeResponse } from '../admin/post-duplicates-recompute.js';
import type { AdminApi } from './admin-api.js';
import { html, type SafeHtml } from './html.js';
import { BASE, csrfField, type Flash, flashBox, layout } from './layout.js';
import type { ConsoleSession } from './session-store.js';

export interface WhatIfInput {
  readonly connection: string;
  readonly model: string;
  readonly lookbackDays: string;
  readonly windowEnd: string;
  /** Duplicate match thresholds (0–1); empty = unchanged. */
  readonly duplicate: string;
  readonly possible: string;
}

export type DuplicatesResult = z.infer<typeof DuplicatesRecomputeResponse>;

const money = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function hiddenInputs(input: WhatIfInput): SafeHtml {
  const entries: [string, string][] = [
    ['connection', input.connection],
    ['model', input.model],
    ['lookbackDays', input.lookbackDays],
    ['windowEnd', input.windowEnd],
    ['duplicate', input.duplicate],
    ['possible', input.possible],
  ];
  return html`${entries.map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}`;
}

const STATUS_WORDS = {
  unique: 'unique',
  possible: 'possible duplicate',
  duplicate: 'duplicate',
  dismissed: 'not a duplicate (dismissed)',
} as const;

function duplicateFields(f: DuplicatesResult['changes'][number]['before']): SafeHtml {
  if (f.status === 'unique') return html`unique`;
  const score = f.score === null ? '' : ` (${Math.round(f.score * 100)}%)`;
  return html`${STATUS_WORDS[f.status]} of ${f.of ?? f.ofId ?? 'unknown'}${score}`;
}

function duplicatesBlock(d: DuplicatesResult): SafeHtml {
  const t = d.thresholds;
  return html`<h2 id="whatif-dup-h">
      ${d.changed} of ${d.people} leads and contacts would change their duplicate fields (duplicate at
      ${t.duplicate}, possible at ${t.possible})
    </h2>
    ${
      d.changes.length === 0
        ? html`<p class="muted">No duplicate field changes.</p>`
        : html`<table id="what-if-duplicates" aria-labelledby="whatif-dup-h">
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Object</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              ${d.changes.map(
                (c) =>
                  html`<tr>
                    <td>${c.label}</td>
                    <td>${c.kind}</td>
                    <td>${duplicateFields(c.before)}</td>
                    <td>${duplicateFields(c.after)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${d.changed > d.changes.length ? html`<p class="muted">The first ${d.changes.length} are listed.</p>` : ''}`;
}

function resultBlock(
  session: ConsoleSession,
  input: WhatIfInput,
  r: z.infer<typeof RecomputeResponse>,
  duplicates: DuplicatesResult | undefined,
): SafeHtml {
  return html`<section class="card" aria-labelledby="whatif-h" id="what-if-result">
    <h2 id="whatif-h">
      ${r.changedOpportunities} of ${r.opportunities} opportunities would change (model
      ${r.attribution.model}, ${r.attribution.lookbackDays} days, window ends at ${r.attribution.windowEnd});
      nothing written yet
    </h2>
    ${
      r.changes.length === 0
        ? html`<p class="muted">No credited amount changes.</p>`
        : html`<table id="what-if-changes">
            <thead>
              <tr>
                <th scope="col">Opportunity</th>
                <th scope="col">Partner</th>
                <th scope="col">Role</th>
                <th class="num" scope="col">Before</th>
                <th class="num" scope="col">After</th>
                <th class="num" scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              ${r.changes.map(
                (c) =>
                  html`<tr>
                    <td>${c.opportunityId}</td>
                    <td>${c.partnerName}</td>
                    <td>${c.role}</td>
                    <td class="num">${money(c.before)} ${c.currency}</td>
                    <td class="num">${money(c.after)} ${c.currency}</td>
                    <td class="num">${c.delta > 0 ? '+' : ''}${money(c.delta)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${r.issues.length > 0 ? html`<p class="warn">${r.issues.join('; ')}</p>` : ''}
    ${duplicates === undefined ? '' : duplicatesBlock(duplicates)}
    <div class="row">
      <form method="post" action="${BASE}/what-if/apply">
        ${csrfField(session)}${hiddenInputs(input)} <button type="submit">Apply and write back</button>
      </form>
      <a href="${BASE}/what-if">Discard</a>
    </div>
  </section>`;
}

/** The what-if form: the connection, the attribution rules and the duplicate thresholds to try. */
function whatIfForm(
  session: ConsoleSession,
  connections: z.infer<typeof ConnectionList>['connections'],
  input: WhatIfInput | undefined,
): SafeHtml {
  return html`<form method="post" action="${BASE}/what-if" class="row">
    ${csrfField(session)}
    <div>
      <label for="whatif-connection">Connection</label
      ><select id="whatif-connection" name="connection">
        ${connections.map((c) => html`<option value="${c.id}" ${c.id === input?.connection ? html`selected` : ''}>${c.id}</option>`)}
      </select>
    </div>
    <div>
      <label for="whatif-model">Influence model</label
      ><select id="whatif-model" name="model">
        <option value="">unchanged</option>
        ${AttributionModel.options.map((m) => html`<option value="${m}" ${m === input?.model ? html`selected` : ''}>${m}</option>`)}
      </select>
    </div>
    <div>
      <label for="whatif-lookback">Lookback days</label
      ><input
        id="whatif-lookback"
        name="lookbackDays"
        type="text"
        inputmode="numeric"
        pattern="[0-9]*"
        size="6"
        value="${input?.lookbackDays ?? ''}"
      />
    </div>
    <div>
      <label for="whatif-end">Window ends at</label
      ><select id="whatif-end" name="windowEnd">
        <option value="">unchanged</option>
        <option value="close" ${input?.windowEnd === 'close' ? html`selected` : ''}>close</option>
        <option value="creation" ${input?.windowEnd === 'creation' ? html`selected` : ''}>creation</option>
      </select>
    </div>
    <div>
      <label for="whatif-duplicate">Duplicate at score ≥</label
      ><input
        id="whatif-duplicate"
        name="duplicate"
        type="text"
        inputmode="decimal"
        size="5"
        value="${input?.duplicate ?? ''}"
      />
    </div>
    <div>
      <label for="whatif-possible">Possible duplicate at score ≥</label
      ><input
        id="whatif-possible"
        name="possible"
        type="text"
        inputmode="decimal"
        size="5"
        value="${input?.possible ?? ''}"
      />
    </div>
    <button type="submit">Show changes</button>
  </form>`;
}

export async function whatIfPage(
  api: AdminApi,
  session: ConsoleSession,
  state: {
    input?: WhatIfInput;
    result?: z.infer<typeof RecomputeResponse>;
    duplicates?: DuplicatesResult;
    flash?: Flash;
  } = {},
): Promise<string> {
  const { connections } = await api.call(session.actor, 'get', '/connections', ConnectionList);
  const input = state.input;
  const body = html`<h1>What-if</h1>
    ${flashBox(state.flash)}
    <section class="card">
      <p>
        Change the attribution rules or the duplicate match thresholds (scores from 0 to 1) and see which
        credited amounts and duplicate fields would change before anything is written.
      </p>
      ${whatIfForm(session, connections, input)}
    </section>
    ${
      state.result === undefined || input === undefined
        ? ''
        : resultBlock(session, input, state.result, state.duplicates)
    }`;
  return layout('What-if', session, body);
}
