import type { FastifyInstance } from 'fastify';
import { identityRoutes } from './identity/routes.ts';
import { officerRoutes, selfRoutes } from './registry/index.ts';

/** Every module's routes. A module's index is its only public surface. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(identityRoutes);
  await app.register(selfRoutes);
  await app.register(officerRoutes);
}
