import { useEffect, useState } from 'react';
import { GATEWAY_URL } from './config';
import { Annotate } from './screens/Annotate';
import { Devices } from './screens/Devices';
import { Extract } from './screens/Extract';

const SCREENS = { annotate: 'Annotate text', extract: 'Extract a PDF', devices: 'Skykit devices' } as const;
type Screen = keyof typeof SCREENS;

const fromHash = (): Screen => {
  const h = window.location.hash.slice(1);
  return h in SCREENS ? (h as Screen) : 'annotate';
};

export function App() {
  const [screen, setScreen] = useState<Screen>(fromHash);
  // A screen is mounted the first time it is shown (so it queries only then) and then stays
  // mounted: a running job keeps its subscription, the devices their page, while you look elsewhere.
  const [seen, setSeen] = useState<ReadonlySet<Screen>>(() => new Set([fromHash()]));
  useEffect(() => {
    const onHash = () => {
      const next = fromHash();
      setScreen(next);
      setSeen((now) => new Set([...now, next]));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return (
    <>
      <header>
        <h1>Kensho Gateway</h1>
        <nav>
          {(Object.keys(SCREENS) as Screen[]).map((s) => (
            <a key={s} href={`#${s}`} aria-current={s === screen ? 'page' : undefined}>
              {SCREENS[s]}
            </a>
          ))}
        </nav>
        <small className="gateway">{GATEWAY_URL}</small>
      </header>
      <main>
        <div hidden={screen !== 'annotate'}>{seen.has('annotate') && <Annotate />}</div>
        <div hidden={screen !== 'extract'}>{seen.has('extract') && <Extract />}</div>
        <div hidden={screen !== 'devices'}>{seen.has('devices') && <Devices />}</div>
      </main>
    </>
  );
}
