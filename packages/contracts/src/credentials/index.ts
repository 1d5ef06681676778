export * from './share-code.ts';
export * from './status.ts';
export * from './token.ts';
