/** The registry's public surface: routes, the violation transition, and the reads other modules use. */

export * as caseEffects from './case-effects.ts';
export type { LicenceRow, PersonRow, VehicleRow, ViolationRow } from './mappers.ts';
export { officerRoutes } from './officer-routes.ts';
export {
  findLicenceByPerson,
  findPersonById,
  findPersonByIdHash,
  findVehicleById,
  findVehicleByPlateOrVin,
  findViolationById,
  listViolationsOfPerson,
  listViolationsOfVehicle,
} from './repository.ts';
export { persons } from './schema.ts';
export { selfRoutes } from './self-routes.ts';
export { applyViolationTransition, transitionViolation } from './workflow.ts';
