/** The case engine (办件): submission from any channel, the one transition function, legal clocks. */
export { agencyRoutes } from './agency-routes.ts';
export { seedDemoCases } from './demo.ts';
export { casesRoutes, documentRoutes } from './routes.ts';
export { fireDueTimers, startTimerLoop } from './timers.ts';
