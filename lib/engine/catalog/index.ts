// The built-in catalog of named scenarios: lookup, listing with the randomisable parameters
// of each, and a convenience that simulates one by name.

import { ScenarioError } from '../errors';
import { parseScenario, type ScenarioFile, type ScenarioInput } from '../scenario-schema';
import { simulate, type SimulateOptions } from '../simulate';
import type { Trace } from '../trace-schema';
import { CATALOG } from './all';

export interface CatalogParam {
  /** Field path, usable as a --set key (e.g. `endpoints.client.program[1].send`). */
  path: string;
  /** Range drawn from the seed; "random" means any 32-bit value (ISNs). */
  range: [number, number] | 'random';
}

export interface CatalogEntry {
  name: string;
  description: string;
  params: CatalogParam[];
}

const byName = new Map<string, ScenarioInput>(CATALOG.map((s) => [s.name ?? '', s]));

function collectParams(node: unknown, path: string, out: CatalogParam[]): void {
  if (node === 'random') {
    out.push({ path, range: 'random' });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if ('range' in node && Array.isArray((node as { range: unknown }).range)) {
    const [a, b] = (node as { range: [number, number] }).range;
    out.push({ path, range: [a, b] });
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((v, i) => collectParams(v, `${path}[${i}]`, out));
    return;
  }
  for (const [k, v] of Object.entries(node))
    collectParams(v, path === '' ? k : `${path}.${k}`, out);
}

/** Names, descriptions and randomisable parameters of every catalog scenario. */
export function listScenarios(): CatalogEntry[] {
  return CATALOG.map((s) => {
    const params: CatalogParam[] = [];
    collectParams(
      {
        isn: s.isn,
        endpoints: s.endpoints,
        faults: s.faults,
        link: s.link,
        congestion: s.congestion,
      },
      '',
      params,
    );
    return { name: s.name ?? '', description: s.description ?? '', params };
  });
}

/** The validated scenario file of a catalog entry; throws ScenarioError (SCENARIO_UNKNOWN) for an unknown name. */
export function getScenario(name: string): ScenarioFile {
  const s = byName.get(name);
  if (s === undefined) {
    throw new ScenarioError(
      '',
      `unknown scenario "${name}" (known: ${[...byName.keys()].sort().join(', ')})`,
      'SCENARIO_UNKNOWN',
    );
  }
  return parseScenario(structuredClone(s));
}

export function simulateNamed(name: string, options: SimulateOptions = {}): Trace {
  return simulate(getScenario(name), options);
}
