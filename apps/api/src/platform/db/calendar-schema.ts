import { date, pgTable, text } from 'drizzle-orm/pg-core';

/** Working-day calendar: holidays and make-up workdays (调休) as data, each with its notice. */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull(),
  source: text('source').notNull(),
});
