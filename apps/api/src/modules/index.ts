import type { FastifyInstance } from 'fastify';
import { allocationRoutes } from './appointments/allocation-routes.ts';
import { appointmentRoutes } from './appointments/index.ts';
import { auditRoutes } from './audit/index.ts';
import { agencyRoutes, casesRoutes, documentRoutes } from './cases/index.ts';
import { catalogRoutes } from './catalog/index.ts';
import { credentialsRoutes } from './credentials/index.ts';
import { hallRoutes } from './hall/index.ts';
import { hallLiveRoutes } from './hall/live-routes.ts';
import { identityRoutes } from './identity/routes.ts';
import { issuanceRoutes } from './issuance/index.ts';
import { notificationRoutes } from './notifications/index.ts';
import { officesRoutes } from './offices/index.ts';
import { partnerRoutes } from './partners/index.ts';
import { paymentRoutes } from './payments/index.ts';
import { officerRoutes, selfRoutes } from './registry/index.ts';
import { devicesRoutes, staffRoutes } from './staff/index.ts';

/** Every module's routes. A module's index is its only public surface. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(identityRoutes);
  await app.register(selfRoutes);
  await app.register(officerRoutes);
  await app.register(officesRoutes);
  await app.register(staffRoutes);
  await app.register(devicesRoutes);
  await app.register(auditRoutes);
  await app.register(catalogRoutes);
  await app.register(casesRoutes);
  await app.register(agencyRoutes);
  await app.register(documentRoutes);
  await app.register(partnerRoutes);
  await app.register(issuanceRoutes);
  await app.register(notificationRoutes);
  await app.register(credentialsRoutes);
  await app.register(paymentRoutes);
  await app.register(hallRoutes);
  await app.register(appointmentRoutes);
  await app.register(allocationRoutes);
  await app.register(hallLiveRoutes);
}
