/** The registry module's public surface. */
export { officerRoutes } from './officer-routes.ts';
export { selfRoutes } from './self-routes.ts';
export { transitionViolation } from './workflow.ts';
