/** The offices module's public surface: other modules use these, never the offices table directly. */
export { assertInScope, fieldError, getOfficeInScope, isInScope, scopePathOf } from './access.ts';
export { findOfficeById, type OfficeRow, officeIdTextsInScope, pathUnder } from './repository.ts';
export { officesRoutes } from './routes.ts';
export { offices } from './schema.ts';
export { officeScopeOf } from './scope.ts';
