/**
 * The seed catalog: the business items the platform starts with. Each definition is parsed through
 * itemDefinitionSchema (defaults applied, a bad seed fails at import). Administrators edit versions of
 * these in the database; this list is only the first version.
 */
import type { ItemDefinition } from '../item.ts';
import { FILING_ITEMS } from './filing.ts';
import { INSPECTION_ITEMS } from './inspection.ts';
import { LICENCE_ITEMS } from './licence.ts';
import { PLATE_ITEMS } from './plate.ts';
import { VEHICLE_ITEMS } from './vehicle.ts';
import { VEHICLE_STATUS_ITEMS } from './vehicle-status.ts';
import { VIOLATION_ITEMS } from './violation.ts';

export const CATALOG_SEED: readonly ItemDefinition[] = [
  ...LICENCE_ITEMS,
  ...FILING_ITEMS,
  ...VIOLATION_ITEMS,
  ...INSPECTION_ITEMS,
  ...VEHICLE_ITEMS,
  ...VEHICLE_STATUS_ITEMS,
  ...PLATE_ITEMS,
];

/** The seed definition of an item code, or undefined. */
export const seedItem = (code: string): ItemDefinition | undefined =>
  CATALOG_SEED.find((d) => d.code === code);
