import { describe, expect, it } from 'vitest';
import {
  ENERGY_TYPE_LABELS,
  type EnergyType,
  energyTypeSchema,
  isNewEnergy,
  nevPlateLetter,
  USE_TYPE_LABELS,
  useTypeSchema,
  VEHICLE_STATUS_LABELS,
  VEHICLE_TYPE_LABELS,
  vehicleStatusSchema,
  vehicleTypeSchema,
} from './vehicle.ts';

describe('enums and labels', () => {
  it.each([
    ['vehicleStatus', vehicleStatusSchema, VEHICLE_STATUS_LABELS, 6],
    ['useType', useTypeSchema, USE_TYPE_LABELS, 2],
    ['vehicleType', vehicleTypeSchema, VEHICLE_TYPE_LABELS, 10],
    ['energyType', energyTypeSchema, ENERGY_TYPE_LABELS, 6],
  ] as const)('%s has a zh/en label for each of its %i values', (_name, schema, labels, count) => {
    expect(schema.options).toHaveLength(count);
    expect(Object.keys(labels).sort()).toEqual([...schema.options].sort());
    for (const label of Object.values(labels)) expect(label.zh.length * label.en.length).toBeGreaterThan(0);
  });

  it.each([
    [vehicleStatusSchema, 'mortgaged', true],
    [vehicleStatusSchema, 'lost', false],
    [useTypeSchema, 'non-operating', true],
    [useTypeSchema, 'private', false],
    [energyTypeSchema, 'phev', true],
    [energyTypeSchema, 'electric', false],
  ] as const)('%# parse %s → %s', (schema, value, ok) => expect(schema.safeParse(value).success).toBe(ok));
});

describe('new-energy', () => {
  it.each<[EnergyType, 'D' | 'F' | null, boolean]>([
    ['bev', 'D', true],
    ['phev', 'F', true],
    ['fcev', 'F', true],
    ['hybrid', null, false],
    ['petrol', null, false],
    ['diesel', null, false],
  ])('%s → plate letter %s, NEV %s', (energy, letter, nev) => {
    expect(nevPlateLetter(energy)).toBe(letter);
    expect(isNewEnergy(energy)).toBe(nev);
  });
});
