/**
 * The layering of partnersync as checked rules (`npm run lint` runs them through `npm run depcruise`).
 * Dependencies flow one way: entry points → jobs → stores, queue and connectors → core. The pure
 * engines (matching, attribution, registration, domain, the mapping engine) decide from the values
 * they are given, so they are tested without Redis, HTTP or a CRM.
 */

/** What touches the outside world: a pure engine never imports it. */
const IO_MODULES = [
  '^node_modules/(ioredis|bullmq|express|jsforce|@hubspot|pino-http|@bull-board)/',
  '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|tls)$',
  '^src/(store|queue|http|ingest|pipeline|decisions|cli|embedded)/',
  '^connectors/',
  '^jobs/',
];

/** The pure engines (src/explain: the words a rep reads); `mappings/load-mapping-file.ts` is the mapping engine's file reader and stays outside. */
const PURE_ENGINES =
  '^(src/(matching|attribution|registration|domain|explain)/|mappings/(?!load-mapping-file[.]ts$))';

/**
 * Who may import jobs/: the entry points (the service, the CLI, the embedded stack, and the admin API's
 * routes, which run a job's plan on request: what-if dry runs, a person's verdict on a registration or
 * a duplicate) and the worker runtime.
 */
const JOB_IMPORTERS =
  '^(jobs/|src/service[.]ts$|src/service/|src/cli[.]ts$|src/cli/|src/embedded/|src/http/admin/|src/queue/worker-runtime[.]ts$)';

/**
 * Edges that break a rule today, each one exact file → file, so that any other violation still fails.
 * They are in code that the job-pipeline renovation is moving (the rate budget's Redis client and key
 * slot check belong behind src/core); remove an entry when its edge is gone.
 */
const EXCEPTIONS = {
  'connectors-import-only-core': [
    { from: 'connectors/rate-budget.ts', to: 'src/store/key-slot.ts' },
    { from: 'connectors/rate-budget.ts', to: 'src/queue/redis.ts' },
  ],
};

const exact = (path) => `^${path.replace(/[.]/g, '[.]')}$`;

/**
 * A rule plus, when it has exceptions, the same rule for each excepted file with only its excepted
 * targets allowed: the rule still holds for every other import of that file.
 */
function withExceptions(rule) {
  const edges = EXCEPTIONS[rule.name] ?? [];
  if (edges.length === 0) return [rule];
  const files = [...new Set(edges.map((e) => e.from))];
  const main = { ...rule, from: { ...rule.from, pathNot: files.map(exact) } };
  const perFile = files.map((file) => ({
    ...rule,
    name: `${rule.name}`,
    comment: `${rule.comment} (exception: ${file})`,
    from: { path: exact(file) },
    to: { ...rule.to, pathNot: edges.filter((e) => e.from === file).map((e) => exact(e.to)) },
  }));
  return [main, ...perFile];
}

module.exports = {
  forbidden: [
    {
      name: 'pure-engine-imports-io',
      comment: 'Pure engines (matching, attribution, registration, domain, mapping engine) import no I/O.',
      severity: 'error',
      from: { path: PURE_ENGINES },
      to: { path: IO_MODULES },
    },
    {
      name: 'connectors-import-only-core',
      comment: 'connectors/ imports only src/core, its own folder and libraries.',
      severity: 'error',
      from: { path: '^connectors/' },
      to: { path: '^(src/(?!core/)|jobs/|mappings/)' },
    },
    {
      name: 'jobs-imported-by-entry-points-only',
      comment:
        'Only the entry points (service, CLI, embedded stack, admin API routes) and the worker runtime import jobs/.',
      severity: 'error',
      from: { pathNot: JOB_IMPORTERS },
      to: { path: '^jobs/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ].flatMap(withExceptions),
  options: {
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: '^(dist|coverage|test)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
