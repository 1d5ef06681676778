/** Payments' public surface: routes, the sweep loop, and the refund a rejected or withdrawn case triggers. */

export { gatewayAdapter, type PaymentAdapter } from './adapter.ts';
export { paymentRoutes } from './routes.ts';
export {
  expireDueOrders,
  reconcileDay,
  recoverPendingPayments,
  refundCaseFee,
  sendDueRefunds,
  startPaymentLoop,
  sweepPayments,
} from './sweep.ts';
