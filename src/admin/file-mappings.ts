import type { ConnectionConfig } from '../../connectors/connection-config.js';
import { defaultMappingPath, loadMappingFile } from '../../mappings/load-mapping-file.js';
import type { Mapping } from '../../mappings/index.js';

/** Each connection's mapping file (or the provider default), loaded once on first use. */
export function fileMappings(
  configs: readonly ConnectionConfig[],
): (connectionId: string) => Mapping | undefined {
  const byId = new Map(configs.map((c) => [c.id, c]));
  const loaded = new Map<string, Mapping>();
  return (id) => {
    const cached = loaded.get(id);
    if (cached !== undefined) return cached;
    const config = byId.get(id);
    if (config === undefined) return undefined;
    const mapping = loadMappingFile(config.mappingFile ?? defaultMappingPath(config.provider));
    loaded.set(id, mapping);
    return mapping;
  };
}
