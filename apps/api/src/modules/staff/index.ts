/** The staff module's public surface. */
export { devicesRoutes } from './devices/routes.ts';
export { staffRoutes } from './routes.ts';
export { listRoles } from './service.ts';
