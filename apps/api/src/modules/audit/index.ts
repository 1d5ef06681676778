/** The audit module's public surface: reading and verifying the log (writing is platform/audit). */
export { auditRoutes } from './routes.ts';
export { searchAuditEvents, verifyAuditLog } from './service.ts';
