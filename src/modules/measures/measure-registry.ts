/**
 * The measures this deployment offers: the built-in free ones, then any
 * licensed content packs from BELONG_MEASURE_PACKS_DIR (read once at start;
 * a bad pack stops start-up with a clear message).
 */
import type { Config } from '../../config.ts';
import type { Measure } from './measure-definitions.ts';
import { loadMeasurePacks } from './measure-packs.ts';
import { BUILTIN_MEASURES } from './measure-scoring.ts';

export interface MeasureRegistry {
  all: readonly Measure[];
  get(id: string): Measure | undefined;
}

export function measureRegistry(packs: readonly Measure[] = []): MeasureRegistry {
  const all = [...BUILTIN_MEASURES, ...packs];
  const byId = new Map(all.map((m) => [m.id, m]));
  return { all, get: (id) => byId.get(id) };
}

/** The registry for a configuration (built-ins plus the deployment's packs). */
export function registryFromConfig(config: Pick<Config, 'BELONG_MEASURE_PACKS_DIR'>): MeasureRegistry {
  const dir = config.BELONG_MEASURE_PACKS_DIR;
  return measureRegistry(
    dir
      ? loadMeasurePacks(
          dir,
          BUILTIN_MEASURES.map((m) => m.id),
        )
      : [],
  );
}
