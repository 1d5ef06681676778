/** Vehicle enums shared by the API, the database and the rules, with Chinese and English labels. */
import { z } from 'zod';

export interface Label {
  zh: string;
  en: string;
}

export const vehicleStatusSchema = z.enum([
  'normal',
  'mortgaged',
  'seized',
  'scrapped',
  'stolen',
  'deregistered',
]);
export type VehicleStatus = z.infer<typeof vehicleStatusSchema>;
export const VEHICLE_STATUS_LABELS: Readonly<Record<VehicleStatus, Label>> = {
  normal: { zh: '正常', en: 'Normal' },
  mortgaged: { zh: '抵押', en: 'Mortgaged' },
  seized: { zh: '查封', en: 'Seized' },
  scrapped: { zh: '报废', en: 'Scrapped' },
  stolen: { zh: '被盗抢', en: 'Stolen' },
  deregistered: { zh: '注销', en: 'Deregistered' },
};

export const useTypeSchema = z.enum(['operating', 'non-operating']);
export type UseType = z.infer<typeof useTypeSchema>;
export const USE_TYPE_LABELS: Readonly<Record<UseType, Label>> = {
  operating: { zh: '营运', en: 'Operating (commercial)' },
  'non-operating': { zh: '非营运', en: 'Non-operating (private)' },
};

/** Vehicle types as the inspection rules need them. `van` = 面包车 (a small/micro passenger car excluded
 * from the inspection exemption). */
export const vehicleTypeSchema = z.enum([
  'small-passenger',
  'micro-passenger',
  'van',
  'medium-passenger',
  'large-passenger',
  'truck',
  'motorcycle',
  'tractor',
  'trailer',
  'other',
]);
export type VehicleType = z.infer<typeof vehicleTypeSchema>;
export const VEHICLE_TYPE_LABELS: Readonly<Record<VehicleType, Label>> = {
  'small-passenger': { zh: '小型载客汽车', en: 'Small passenger car' },
  'micro-passenger': { zh: '微型载客汽车', en: 'Micro passenger car' },
  van: { zh: '面包车', en: 'Van (minibus)' },
  'medium-passenger': { zh: '中型载客汽车', en: 'Medium bus' },
  'large-passenger': { zh: '大型载客汽车', en: 'Large bus' },
  truck: { zh: '载货汽车', en: 'Truck' },
  motorcycle: { zh: '摩托车', en: 'Motorcycle' },
  tractor: { zh: '拖拉机', en: 'Tractor' },
  trailer: { zh: '挂车', en: 'Trailer' },
  other: { zh: '其他机动车', en: 'Other motor vehicle' },
};

/** `hybrid` = non-plug-in hybrid (HEV), which is not a new-energy vehicle in China; `phev` and `fcev` are. */
export const energyTypeSchema = z.enum(['petrol', 'diesel', 'bev', 'phev', 'fcev', 'hybrid']);
export type EnergyType = z.infer<typeof energyTypeSchema>;
export const ENERGY_TYPE_LABELS: Readonly<Record<EnergyType, Label>> = {
  petrol: { zh: '汽油', en: 'Petrol' },
  diesel: { zh: '柴油', en: 'Diesel' },
  bev: { zh: '纯电动', en: 'Battery electric' },
  phev: { zh: '插电式混合动力', en: 'Plug-in hybrid' },
  fcev: { zh: '燃料电池', en: 'Fuel cell' },
  hybrid: { zh: '油电混合动力', en: 'Hybrid (non-plug-in)' },
};

/** New-energy vehicles get green plates: D for battery-electric, F for the other NEVs. */
export function nevPlateLetter(energy: EnergyType): 'D' | 'F' | null {
  if (energy === 'bev') return 'D';
  if (energy === 'phev' || energy === 'fcev') return 'F';
  return null;
}

export function isNewEnergy(energy: EnergyType): boolean {
  return nevPlateLetter(energy) !== null;
}
