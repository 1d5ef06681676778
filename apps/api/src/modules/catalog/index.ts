/** The service catalog (事项): versioned business items. Other modules read versions through this file. */

export { findVersionById, findVersionInForce, type ItemVersion } from './repository.ts';
export { catalogRoutes } from './routes.ts';
export { getItemInForce, seedCatalog } from './service.ts';
