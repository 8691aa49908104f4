/** A fault the simulator answers with instead of serving (before any auth check). */
export interface InjectedFault {
  /** 'okta', 'refresh', an app (all its endpoints but refresh), or an exact endpoint name. */
  target: string;
  status: number;
  times?: number;
  retryAfterSeconds?: number;
  /** JSON body, or a string sent raw (garbage). */
  body?: unknown;
}

/** A fault answered at random (seeded, so runs repeat): e.g. 20% 503 and 5% 429 on 'nerd'. */
export interface RandomFault {
  target: string;
  status: number;
  rate: number;
  retryAfterSeconds?: number;
}

/** Whether a fault's target covers an endpoint: itself, its app (refresh aside), or every refresh endpoint. */
function matches(target: string, endpoint: string): boolean {
  if (target === endpoint) return true;
  if (target === 'refresh') return endpoint.endsWith('.refresh');
  return endpoint.startsWith(`${target}.`) && !endpoint.endsWith('.refresh');
}

/** The faults of one simulator: injected ones (answered first, each `times` times), then random ones. */
export class Faults {
  private injected: Array<InjectedFault & { left: number }> = [];
  // mulberry32: a tiny seeded PRNG, so a fault mix is the same on every run.
  private seed = 0x9e3779b9;

  constructor(private readonly randomFaults: () => readonly RandomFault[]) {}

  /** Answers the next `times` (default 1) calls of the target with the fault. */
  inject(fault: InjectedFault): void {
    this.injected.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Forgets every injected fault not yet answered. */
  clear(): void {
    this.injected = [];
  }

  /** The fault to answer a call of `endpoint` with, if any (using up one of an injected fault's times). */
  take(endpoint: string): InjectedFault | RandomFault | undefined {
    const fault = this.injected.find((f) => f.left > 0 && matches(f.target, endpoint));
    if (fault) {
      fault.left -= 1;
      this.injected = this.injected.filter((f) => f.left > 0);
      return fault;
    }
    const random = this.randomFaults();
    if (random.length === 0) return undefined;
    // One roll per call, whatever its endpoint, so the sequence depends only on the call order.
    const roll = this.random();
    let edge = 0;
    return random.find((f) => matches(f.target, endpoint) && roll < (edge += f.rate));
  }

  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = Math.imul(this.seed ^ (this.seed >>> 15), 1 | this.seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
