/**
 * Business categories of the service hall: what an appointment is for, which ticket class it queues in,
 * and which counters serve it. The letter prefixes ticket numbers (A012).
 */
export const HALL_CATEGORIES = ['licence', 'vehicle', 'violation', 'inspection'] as const;
export type HallCategory = (typeof HALL_CATEGORIES)[number];

export const HALL_CATEGORY_INFO: Readonly<
  Record<HallCategory, { letter: string; name: { zh: string; en: string } }>
> = {
  licence: { letter: 'A', name: { zh: '驾驶证业务', en: 'Driving licences' } },
  vehicle: { letter: 'B', name: { zh: '机动车业务', en: 'Vehicles' } },
  violation: { letter: 'C', name: { zh: '违法处理', en: 'Violations' } },
  inspection: { letter: 'D', name: { zh: '检验业务', en: 'Inspection' } },
};

/** The priority lane (优先窗口): who may use it. Recorded on the ticket, never shown on the board. */
export const PRIORITY_REASONS = ['aged-70', 'disabled', 'military'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];
