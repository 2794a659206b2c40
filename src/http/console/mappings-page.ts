import { stringify } from 'yaml';
import type { z } from 'zod';
import { MappingDiffResponse } from '../admin/get-mapping-diff.js';
import type { PreviewResponse } from '../admin/admin-schemas.js';
import {
  ActiveMappingResponse,
  AuditResponse,
  ValidationIssueBody,
  VersionList,
} from '../admin/admin-schemas.js';
import type { AdminApi } from './admin-api.js';
import { escapeHtml, html, type SafeHtml, trusted } from './html.js';
import { BASE, csrfField, type Flash, flashBox, layout } from './layout.js';
import type { ConsoleSession } from './session-store.js';

export type MappingIssue = z.infer<typeof ValidationIssueBody>;
export { ValidationIssueBody };

export interface MappingPageState {
  /** Editor text (what the admin typed, after a failed save); default: the active mapping. */
  readonly text?: string;
  readonly issues?: readonly MappingIssue[];
  readonly preview?: z.infer<typeof PreviewResponse>;
  readonly previewInput?: { object: string; id: string; version: string };
  readonly diffFrom?: string;
  readonly diffTo?: string;
  readonly flash?: Flash;
}

/** Built by concatenation so no formatter can add whitespace inside the textarea's content. */
const editor = (text: string): SafeHtml =>
  trusted(
    '<textarea id="mapping-text" name="text" rows="24" spellcheck="false">' +
      escapeHtml(text) +
      '</textarea>',
  );

const issueText = (i: MappingIssue): string =>
  `${i.path === '' ? '' : `${i.path}: `}${i.message}${i.suggestion === null ? '' : ` (did you mean "${i.suggestion}"?)`}`;

/** The submitted text with each issue shown under its line: validation at the line, without script. */
function sourceWithIssues(text: string, issues: readonly MappingIssue[]): SafeHtml {
  const byLine = new Map<number, MappingIssue[]>();
  for (const i of issues) if (i.line !== null) byLine.set(i.line, [...(byLine.get(i.line) ?? []), i]);
  const lines = text.split('\n');
  const shown = new Set<number>();
  for (const line of byLine.keys()) for (let n = line - 2; n <= line + 2; n++) shown.add(n);
  return html`<ol class="source" aria-label="Lines with issues">
    ${lines.map((content, index) => {
      const n = index + 1;
      if (!shown.has(n)) return '';
      const here = byLine.get(n);
      return html`<li value="${n}" id="line-${n}" class="${here === undefined ? '' : 'issue'}">
        <code>${content}</code
        >${(here ?? []).map((i) => html`<span class="issue-text">${issueText(i)}</span>`)}
      </li>`;
    })}
  </ol>`;
}

function issuesBlock(text: string, issues: readonly MappingIssue[]): SafeHtml {
  if (issues.length === 0) return html``;
  return html`<section class="card" aria-labelledby="issues-h">
    <h2 id="issues-h" class="bad">${issues.length} issue(s); nothing was stored</h2>
    <ul id="mapping-issues">
      ${issues.map(
        (i) =>
          html`<li>
            ${i.line === null ? 'Mapping' : html`<a href="#line-${i.line}" data-line="${i.line}">Line ${i.line}</a>`}:
            ${issueText(i)}
          </li>`,
      )}
    </ul>
    ${sourceWithIssues(text, issues)}
  </section>`;
}

function previewBlock(p: z.infer<typeof PreviewResponse>): SafeHtml {
  return html`<section class="card" aria-labelledby="preview-h" id="preview">
    <h2 id="preview-h">Preview (version ${p.version ?? 'file'}; nothing written)</h2>
    <h3>Entities</h3>
    ${p.entities.map(
      (e) =>
        html`<p><strong>${e.entity.kind}</strong> from ${e.object}</p>
          <table>
            <tbody>
              ${Object.entries(e.entity.entity).map(
                ([k, v]) =>
                  html`<tr>
                    <th scope="row">${k}</th>
                    <td>${JSON.stringify(v)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`,
    )}
    ${p.issues.length > 0 ? html`<p class="bad">${p.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}</p>` : ''}
    <h3>Write-back it would cause</h3>
    ${p.writeBack.map(
      (w) =>
        html`<p><strong>${w.target}</strong> (${w.entity})</p>
          ${
            w.plan === null
              ? html`<p class="muted">
                  nothing to
                  write${w.issues.length > 0 ? `: ${w.issues.map((i) => i.message).join('; ')}` : ''}
                </p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${w.plan.objectType} ${w.plan.id} field</th>
                      <th scope="col">Value</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${Object.entries(w.plan.fields).map(
                      ([k, v]) =>
                        html`<tr>
                          <td>${k}</td>
                          <td data-field="${k}">${String(v)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }`,
    )}
  </section>`;
}

type Versions = z.infer<typeof VersionList>;

/** The editor form: check the YAML, or save it as a new version and optionally activate it. */
function editorSection(session: ConsoleSession, action: string, text: string): SafeHtml {
  return html`<section class="card">
    <form method="post" action="${action}/save">
      ${csrfField(session)}
      <label for="mapping-text">Mapping (YAML)</label>
      ${editor(text)}
      <div class="row">
        <div>
          <label for="note">Note</label><input id="note" name="note" type="text" size="40" maxlength="500" />
        </div>
        <label class="inline"><input type="checkbox" name="activate" value="true" /> Activate at once</label>
        <label class="inline"
          ><input type="checkbox" name="checkCrm" value="true" checked /> Check against the live CRM</label
        >
        <button type="submit" name="intent" value="check" class="secondary">Check</button>
        <button type="submit" name="intent" value="save">Save as new version</button>
      </div>
    </form>
  </section>`;
}

/** Runs the mapping over one live CRM record; previewBlock renders the answer. */
function previewForm(
  session: ConsoleSession,
  action: string,
  versions: Versions,
  state: MappingPageState,
): SafeHtml {
  return html`<section class="card">
    <h2>Preview a record</h2>
    <form method="post" action="${action}/preview" class="row">
      ${csrfField(session)}
      <div>
        <label for="preview-object">CRM object</label
        ><input
          id="preview-object"
          name="object"
          type="text"
          required
          value="${state.previewInput?.object ?? ''}"
        />
      </div>
      <div>
        <label for="preview-id">Record id</label
        ><input
          id="preview-id"
          name="recordId"
          type="text"
          required
          value="${state.previewInput?.id ?? ''}"
        />
      </div>
      <div>
        <label for="preview-version">Version</label
        ><select id="preview-version" name="version">
          <option value="">active</option>
          ${versions.versions.map(
            (v) =>
              html`<option
                value="${v.version}"
                ${state.previewInput?.version === String(v.version) ? html`selected` : ''}
              >
                version ${v.version}
              </option>`,
          )}
        </select>
      </div>
      <button type="submit">Preview</button>
    </form>
  </section>`;
}

/** Stored versions with their activate buttons, and the rollback button. */
function versionsTable(session: ConsoleSession, action: string, versions: Versions): SafeHtml {
  return html`<h2>Versions</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Author</th>
          <th scope="col">Created</th>
          <th scope="col">Note</th>
          <th scope="col"></th>
        </tr>
      </thead>
      <tbody>
        ${versions.versions.map(
          (v) =>
            html`<tr data-version="${v.version}">
              <td>${v.version}${v.active ? html` <span class="ok">active</span>` : ''}</td>
              <td>${v.author}</td>
              <td>${v.createdAt}</td>
              <td>${v.note ?? ''}</td>
              <td>
                ${
                  v.active
                    ? ''
                    : html`<form method="post" action="${action}/activate">
                        ${csrfField(session)}<input type="hidden" name="version" value="${v.version}" />
                        <button type="submit" class="secondary" aria-label="Activate version ${v.version}">
                          Activate
                        </button>
                      </form>`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <form method="post" action="${action}/rollback">
      ${csrfField(session)}
      <button type="submit" class="secondary">Roll back to the previously active version</button>
    </form>
  </section>`;
}

/** The diff form (any two of the file and the stored versions) and, once asked, the diff itself. */
function diffBlock(
  action: string,
  refs: readonly string[],
  state: MappingPageState,
  activeRef: string,
  diff: z.infer<typeof MappingDiffResponse> | null,
): SafeHtml {
  const refOptions = (selected: string | undefined): SafeHtml[] =>
    refs.map(
      (r) =>
        html`<option value="${r}" ${r === selected ? html`selected` : ''}>
          ${r === 'file' ? 'mapping file' : `version ${r}`}
        </option>`,
    );
  return html`<h3>Diff two versions</h3>
    <form method="get" action="${action}" class="row">
      <div>
        <label for="diff-from">From</label
        ><select id="diff-from" name="from">
          ${refOptions(state.diffFrom ?? 'file')}
        </select>
      </div>
      <div>
        <label for="diff-to">To</label
        ><select id="diff-to" name="to">
          ${refOptions(state.diffTo ?? activeRef)}
        </select>
      </div>
      <button type="submit" class="secondary">Diff</button>
    </form>
    ${
      diff === null
        ? ''
        : html`<div id="diff">
            <p>${diff.summary}</p>
            <ul>
              ${diff.added.map((p) => html`<li class="ok">+ ${p}</li>`)}${diff.removed.map((p) => html`<li class="bad">− ${p}</li>`)}${diff.changed.map((p) => html`<li class="warn">~ ${p}</li>`)}
            </ul>
          </div>`
    }`;
}

function auditSection(audit: z.infer<typeof AuditResponse>): SafeHtml {
  return html`<section class="card">
    <h2>Audit log</h2>
    <table id="audit">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">From → to</th>
          <th scope="col">What changed</th>
        </tr>
      </thead>
      <tbody>
        ${audit.entries.map(
          (e) =>
            html`<tr>
              <td>${e.at}</td>
              <td>${e.actor}</td>
              <td>${e.action}</td>
              <td>${e.from ?? 'file'} → ${e.to ?? 'file'}</td>
              <td>${e.summary}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export async function mappingsPage(
  api: AdminApi,
  session: ConsoleSession,
  id: string,
  state: MappingPageState = {},
): Promise<string> {
  const actor = session.actor;
  const params = { id };
  const [active, versions, audit] = await Promise.all([
    api.call(actor, 'get', '/connections/:id/mapping', ActiveMappingResponse, { params }),
    api.call(actor, 'get', '/connections/:id/mapping/versions', VersionList, { params }),
    api.call(actor, 'get', '/connections/:id/mapping/audit', AuditResponse, {
      params,
      query: { limit: '50' },
    }),
  ]);
  const text = state.text ?? active.text ?? stringify(active.mapping);
  const diff =
    state.diffFrom !== undefined && state.diffTo !== undefined
      ? await api.call(actor, 'get', '/connections/:id/mapping/diff', MappingDiffResponse, {
          params,
          query: { from: state.diffFrom, to: state.diffTo },
        })
      : null;
  const refs = ['file', ...versions.versions.map((v) => String(v.version))];
  const activeRef = active.version === null ? 'file' : String(active.version);
  const action = `${BASE}/connections/${id}/mapping`;
  const body = html`<h1>Mapping of ${id}</h1>
    ${flashBox(state.flash)}
    <p>
      Active:
      <strong id="active-version"
        >${active.version === null ? 'the mapping file' : `version ${active.version}`}</strong
      >
    </p>
    ${issuesBlock(text, state.issues ?? [])} ${editorSection(session, action, text)}
    ${previewForm(session, action, versions, state)}
    ${state.preview === undefined ? '' : previewBlock(state.preview)}
    <section class="card">
      ${versionsTable(session, action, versions)} ${diffBlock(action, refs, state, activeRef, diff)}
    </section>
    ${auditSection(audit)}`;
  return layout(`Mapping ${id}`, session, body);
}
