export * from './calling.ts';
export * from './categories.ts';
