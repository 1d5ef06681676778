/** Fixed inputs that make every test run see the same data. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7);
/** 10:00 in Asia/Shanghai on 2026-11-21: "today" for every legal clock in the tests. */
export const TEST_NOW = '2026-11-21T02:00:00.000Z';
export const TEST_SEED = 20261121;
