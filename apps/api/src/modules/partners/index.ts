/** The partners module's public surface. */
export {
  type DeliveryEvent,
  findDeliveryEvents,
  findPartnerRecordsFor,
  findTokenPartnerSource,
} from './repository.ts';
export { partnerRoutes } from './routes.ts';
export { partnerRecords } from './schema.ts';
