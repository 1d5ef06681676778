/** The service hall's public surface: routes, demo counters, and the board state the live boards read. */

export { hallBoard, hallStats, ticketPosition } from './board.ts';
export { seedDemoCounters } from './counters.ts';
export { publishHallChange } from './live.ts';
export { hallRoutes } from './routes.ts';
