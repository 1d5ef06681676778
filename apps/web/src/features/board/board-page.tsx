import { SoundOutlined } from '@ant-design/icons';
import { HALL_CATEGORY_INFO } from '@opendmv/contracts';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { type BoardEvent, boardStreamUrl } from './board-types.ts';
import { useEventStream } from './use-event-stream.ts';
import './board.css';

const callKey = (c: { number: string; counterNumber: string; at: string }) =>
  `${c.number}|${c.counterNumber}|${c.at}`;
const HIGHLIGHT_MS = 8_000;

function Clock({ locale }: { locale: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(id);
  }, []);
  const time = now.toLocaleTimeString(locale, {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const date = now.toLocaleDateString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  });
  return (
    <div className="odmv-board-clock">
      <span className="odmv-board-time">{time}</span>
      <span className="odmv-board-date">{date}</span>
    </div>
  );
}

/** Speaks each new call in Chinese (and in English on an English board), one after the other. */
function useAnnouncements(board: BoardEvent | null) {
  const { t, locale } = useI18n();
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);
  useEffect(() => {
    if (!board) return;
    const calls = board.recentCalls;
    if (seen.current === null) {
      // The first snapshot: what was called before the screen came on is not announced again.
      seen.current = new Set(calls.map(callKey));
      return;
    }
    const known = seen.current;
    const news = calls.filter((c) => !known.has(callKey(c))).reverse();
    for (const c of news) known.add(callKey(c));
    if (news.length === 0) return;
    setFresh(callKey(news[news.length - 1]!));
    const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
    if (!synth) return;
    for (const c of news) {
      for (let i = 0; i < 2; i++) {
        const zh = new SpeechSynthesisUtterance(t.board.announce(c.number, c.counterNumber));
        zh.lang = 'zh-CN';
        zh.rate = 0.9;
        synth.speak(zh);
      }
      if (locale === 'en') {
        const en = new SpeechSynthesisUtterance(t.board.announce(c.number, c.counterNumber));
        en.lang = 'en-US';
        synth.speak(en);
      }
    }
  }, [board, t, locale]);
  useEffect(() => {
    if (!fresh) return;
    const id = setTimeout(() => setFresh(null), HIGHLIGHT_MS);
    return () => clearTimeout(id);
  }, [fresh]);
  return fresh;
}

/** The hall's big screen (1920×1080): the latest call, every counter, who waits, the last calls. Public. */
export function BoardPage() {
  const { officeId = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const b = t.board;
  const { data: board, state } = useEventStream<BoardEvent>(
    officeId ? boardStreamUrl(officeId) : null,
    'board',
  );
  const fresh = useAnnouncements(board);
  const [soundAsked, setSoundAsked] = useState(false);
  const latest = board?.recentCalls[0] ?? null;

  useEffect(() => {
    document.title = board?.officeName ? `${pick(board.officeName)} · ${b.title}` : b.title;
  }, [board, b.title, pick]);

  if (state === 'missing' && !board)
    return (
      <div className="odmv-board odmv-board-missing" data-testid="board-page" data-state="missing">
        <div className="odmv-board-empty">{b.notFound}</div>
      </div>
    );

  // Every counter of the hall, open ones first; a closed one stays, dimmed, so the layout never jumps.
  const counters = [...(board?.counters ?? [])].sort(
    (x, y) => Number(x.status === 'closed') - Number(y.status === 'closed'),
  );
  const latestKey = latest ? callKey(latest) : null;

  return (
    <div className="odmv-board" data-testid="board-page" data-state={state}>
      <header className="odmv-board-head">
        <div className="odmv-board-office">
          <img src="/favicon.svg" alt="" />
          <div>
            <div className="odmv-board-office-name" data-testid="board-office">
              {board?.officeName ? pick(board.officeName) : ''}
            </div>
            <div className="odmv-board-subtitle">{b.title}</div>
          </div>
        </div>
        <div className={`odmv-board-status odmv-board-status-${state}`} data-testid="board-status">
          <span className="odmv-board-dot" />
          {state === 'live' ? b.live : b.reconnecting}
        </div>
        <Clock locale={locale} />
      </header>

      <section
        className={`odmv-board-latest${latestKey && latestKey === fresh ? ' odmv-board-flash' : ''}`}
        data-testid="board-latest"
        data-number={latest?.number ?? ''}
        aria-live="assertive"
      >
        {latest ? (
          <span>{b.callLine(latest.number, latest.counterNumber)}</span>
        ) : (
          <span className="odmv-board-muted">{b.noCalls}</span>
        )}
      </section>

      <main className="odmv-board-body">
        <section className="odmv-board-counters">
          {counters.length === 0 && board && <div className="odmv-board-empty">{b.noCounters}</div>}
          {counters.map((c) => {
            const isFresh = c.current && latest && latest.counterNumber === c.number && latestKey === fresh;
            return (
              <div
                key={c.counterId}
                className={`odmv-board-counter odmv-board-counter-${c.status}${c.current ? ' odmv-board-counter-busy' : ''}${isFresh ? ' odmv-board-flash' : ''}`}
                data-testid="board-counter"
                data-counter-number={c.number}
                data-ticket={c.current?.number ?? ''}
              >
                <div className="odmv-board-counter-no">{b.counter(c.number)}</div>
                <div className="odmv-board-counter-ticket">
                  {c.current ? c.current.number : c.status === 'open' ? '—' : ''}
                </div>
                <div className="odmv-board-counter-state">
                  {c.current
                    ? c.current.status === 'serving'
                      ? b.nowServing
                      : b.called
                    : c.status === 'open'
                      ? b.idle
                      : c.status === 'paused'
                        ? b.paused
                        : b.closed}
                </div>
              </div>
            );
          })}
        </section>

        <aside className="odmv-board-side">
          <div className="odmv-board-panel">
            <h2>{b.waitingTitle}</h2>
            <ul className="odmv-board-waiting">
              {(board?.waiting ?? []).map((w) => (
                <li
                  key={w.category}
                  data-testid="board-waiting"
                  data-category={w.category}
                  data-count={w.count}
                >
                  <span className="odmv-board-letter">
                    {w.letter || HALL_CATEGORY_INFO[w.category]?.letter}
                  </span>
                  <span className="odmv-board-cat">{b.categories[w.category] ?? w.category}</span>
                  <span className="odmv-board-count">{b.waitingCount(w.count)}</span>
                </li>
              ))}
            </ul>
          </div>
          <div className="odmv-board-panel odmv-board-panel-grow">
            <h2>{b.recentTitle}</h2>
            {board && board.recentCalls.length === 0 && <div className="odmv-board-muted">{b.noCalls}</div>}
            <ul className="odmv-board-recent" data-testid="board-recent">
              {(board?.recentCalls ?? []).slice(0, 6).map((c) => (
                <li key={callKey(c)} data-number={c.number}>
                  <span className="odmv-board-recent-no">{c.number}</span>
                  <span className="odmv-board-recent-arrow">→</span>
                  <span>{b.counter(c.counterNumber)}</span>
                </li>
              ))}
            </ul>
          </div>
        </aside>
      </main>

      <footer className="odmv-board-foot">
        <span>{b.footer}</span>
        {!soundAsked && typeof window !== 'undefined' && 'speechSynthesis' in window && (
          <button
            type="button"
            className="odmv-board-sound"
            data-testid="board-sound"
            onClick={() => {
              // Browsers speak only after a gesture on the page: one tap when the screen is set up.
              const u = new SpeechSynthesisUtterance(' ');
              u.lang = 'zh-CN';
              window.speechSynthesis.speak(u);
              setSoundAsked(true);
            }}
          >
            <SoundOutlined aria-hidden /> {b.soundOn}
          </button>
        )}
      </footer>
    </div>
  );
}
