/** The one schema both drivers (PGlite and node-postgres) share. Each module owns its tables. */

export * from '../../modules/appointments/schema.ts';
export * from '../../modules/cases/schema.ts';
export * from '../../modules/catalog/schema.ts';
export * from '../../modules/credentials/schema.ts';
export * from '../../modules/hall/schema.ts';
export * from '../../modules/identity/schema.ts';
export * from '../../modules/issuance/schema.ts';
export * from '../../modules/notifications/schema.ts';
export * from '../../modules/offices/schema.ts';
export * from '../../modules/partners/schema.ts';
export * from '../../modules/payments/schema.ts';
export * from '../../modules/registry/schema.ts';
export * from '../audit/schema.ts';
export * from './calendar-schema.ts';
