import type { Messages } from './messages.ts';

/** English texts of the hall's display board and the citizen's ticket page. */
export const boardEn: Pick<Messages, 'board' | 'ticket'> = {
  board: {
    title: 'Now calling',
    counter: (n: string) => `Counter ${n}`,
    callLine: (ticket: string, counter: string) => `Number ${ticket} to counter ${counter}`,
    announce: (ticket: string, counter: string) =>
      `Number ${ticket.split('').join(' ')}, please go to counter ${counter}`,
    nowServing: 'Serving',
    called: 'Called',
    idle: 'Waiting for the next call',
    paused: 'Paused',
    closed: 'Closed',
    waitingTitle: 'Waiting',
    waitingCount: (n: number) => `${n}`,
    recentTitle: 'Recent calls',
    noCounters: 'No counter is open in this hall yet',
    noCalls: 'No calls yet',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    notFound: 'No such hall',
    footer:
      'Listen for your number; a missed call needs a new ticket · Priority counter: aged 70+, disabled, service members',
    soundOn: 'Turn on announcements',
    categories: {
      licence: 'Driving licences',
      vehicle: 'Vehicles',
      violation: 'Violations',
      inspection: 'Inspection',
    },
  },
  ticket: {
    title: 'My queue ticket',
    myNumber: 'Number',
    ahead: 'Ahead of you',
    aheadCount: (n: number) => (n === 1 ? '1 person' : `${n} people`),
    wait: 'Estimated wait',
    waitMinutes: (m: number) => `about ${m} min`,
    waitSoon: 'Almost your turn',
    calledTitle: 'Your turn',
    calledAt: (counter: string) => `Please go to counter ${counter}`,
    statuses: {
      waiting: 'Waiting',
      called: 'Called',
      serving: 'Being served',
      done: 'Done',
      'no-show': 'Missed',
    },
    nearHint: 'We text you when fewer than 3 people are ahead; please stay near the hall.',
    doneHint: 'Your business is done. Thank you for waiting.',
    noShowHint: 'Your number was missed. Please take a new ticket if you still need service.',
    notFound: 'No such ticket',
    live: 'Live',
    reconnecting: 'Reconnecting…',
  },
};
