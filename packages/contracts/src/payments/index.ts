export * from './order.ts';
export * from './providers.ts';
export * from './signature.ts';
