export * from './eligibility.ts';
export * from './facts.ts';
export * from './item.ts';
export * from './items/index.ts';
export * from './predicate.ts';
export * from './snapshot.ts';
export * from './workflow.ts';
export * from './working-days.ts';
