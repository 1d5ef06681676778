export * from './booking.ts';
export * from './lottery.ts';
