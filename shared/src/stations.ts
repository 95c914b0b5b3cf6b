/**
 * River-gauge stations of the Valle de Sula.
 *
 * The ids are the NWS/HADS-style gauge codes the service has always used. Names, rivers and
 * coordinates are approximate and the warning/danger levels are PLACEHOLDERS for the demo
 * data: the real thresholds must come from CMIPRO/COPECO before anyone is warned with them.
 */
export interface Station {
  readonly id: string;
  readonly name: string;
  readonly river: 'Chamelecón' | 'Ulúa';
  readonly latitude: number;
  readonly longitude: number;
  /** Level (metres) at which a warning is issued. Placeholder. */
  readonly warningLevelM: number;
  /** Level (metres) at which flooding is expected. Placeholder. */
  readonly dangerLevelM: number;
}

/** SPEC §6 fix: the seed's `^[A-Z]{4}H3$` rejects every real station; ids are 3 letters + `H3`. */
export const STATION_ID_PATTERN = /^[A-Z]{3}H3$/;

export const STATIONS = [
  {
    id: 'CHIH3',
    name: 'Río Chamelecón (CHIH3)',
    river: 'Chamelecón',
    latitude: 15.43,
    longitude: -88.03,
    warningLevelM: 4.5,
    dangerLevelM: 6.0,
  },
  {
    id: 'SANH3',
    name: 'Río Ulúa (SANH3)',
    river: 'Ulúa',
    latitude: 15.31,
    longitude: -87.93,
    warningLevelM: 5.0,
    dangerLevelM: 7.0,
  },
  {
    id: 'RCHH3',
    name: 'Río Chamelecón bajo (RCHH3)',
    river: 'Chamelecón',
    latitude: 15.6,
    longitude: -87.95,
    warningLevelM: 3.5,
    dangerLevelM: 5.0,
  },
] as const satisfies readonly Station[];

export type StationId = (typeof STATIONS)[number]['id'];
export const STATION_IDS: readonly StationId[] = STATIONS.map((s) => s.id);

export function isStationId(value: unknown): value is StationId {
  return typeof value === 'string' && (STATION_IDS as readonly string[]).includes(value);
}
