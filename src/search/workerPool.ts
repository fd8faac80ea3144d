/**
 * A fixed pool of worker threads that answer requests: each request goes to the worker
 * with the fewest requests outstanding, and its reply comes back as a promise. A worker
 * script serves requests with `serveRequests`. With limits, each worker takes one request
 * at a time, under a CPU-time deadline and a memory cap; a worker that dies or overruns is
 * replaced, and only its request fails.
 */
import { readFileSync } from 'node:fs';
import { parentPort, Worker, type ResourceLimits } from 'node:worker_threads';

interface Envelope<Request> {
  id: number;
  request: Request;
}

/** A reply, a failure, or (first of all) the worker's OS thread id, for reading its CPU time. */
type Answer<Reply> = { id: number; reply: Reply } | { id: number; error: string } | { thread: number | null };

interface Waiter<Reply> {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

interface Member<Reply> {
  worker: Worker;
  waiting: Map<number, Waiter<Reply>>;
  /** The worker's OS thread id once it said so (null: not known on this system). */
  thread: number | null | undefined;
  /** CPU time (ms) the worker had used when its current request was sent. */
  startedAt?: number;
  /** Why the pool stopped it, when it did. */
  stoppedFor?: WorkerLimit;
}

interface Queued<Request, Reply> extends Waiter<Reply> {
  request: Request;
}

/** What a request may use. */
export interface WorkerLimits {
  /** CPU time one request may take, in milliseconds; beyond it its worker is stopped and replaced. */
  cpuMs: number;
  /** Node's `resourceLimits` of each worker (heap sizes); a worker that exceeds them stops and is replaced. */
  resourceLimits: ResourceLimits;
}

/** Which limit a request went past. */
export type WorkerLimit = 'time' | 'memory';

/** A request went past its pool's CPU-time deadline or memory cap (its worker was replaced). */
export class WorkerLimitError extends Error {
  constructor(readonly limit: WorkerLimit, message: string) {
    super(message);
    this.name = 'WorkerLimitError';
  }
}

/** How often the CPU time of requests under a deadline is checked. */
const DEADLINE_CHECK_MS = 50;

/** Worker threads answering `Request`s with `Reply`s. */
export class WorkerPool<Request, Reply> {
  private readonly members: Array<Member<Reply>>;
  private readonly queue: Array<Queued<Request, Reply>> = [];
  private nextId = 1;
  private closed = false;
  private watch: NodeJS.Timeout | undefined;

  /**
   * Starts `size` workers running `script` (a compiled worker entry that calls
   * `serveRequests`), each given `workerData`. With `limits`, requests wait for an idle
   * worker, and an idle pool never keeps the process alive.
   */
  constructor(private readonly script: string, size: number, private readonly workerData?: unknown, private readonly limits?: WorkerLimits) {
    this.members = Array.from({ length: Math.max(1, size) }, () => this.startMember());
    this.pump();
  }

  /** Sends a request to the least busy worker (with limits: to the first idle one, once there is one). */
  run(request: Request): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  /** Sends the same request to every worker. */
  runOnEach(request: Request): Promise<Reply[]> {
    return Promise.all(this.members.map((member) => new Promise<Reply>((resolve, reject) => this.send(member, { request, resolve, reject }))));
  }

  /** Stops the workers; requests still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watch);
    for (const waiter of this.queue.splice(0)) waiter.reject(new Error('The worker pool was closed.'));
    await Promise.all(this.members.map((member) => member.worker.terminate()));
  }

  private startMember(): Member<Reply> {
    const worker = new Worker(this.script, { workerData: this.workerData, ...(this.limits ? { resourceLimits: this.limits.resourceLimits } : {}) });
    const member: Member<Reply> = { worker, waiting: new Map(), thread: this.limits ? undefined : null };
    let failure: Error | undefined;
    worker.on('message', (answer: Answer<Reply>) => {
      if ('thread' in answer) {
        member.thread = answer.thread;
        this.pump();
        return;
      }
      const waiter = member.waiting.get(answer.id);
      member.waiting.delete(answer.id);
      if ('error' in answer) waiter?.reject(new Error(answer.error));
      else waiter?.resolve(answer.reply);
      this.pump();
    });
    worker.once('error', (error: Error & { code?: string }) => {
      failure = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkerLimitError('memory', 'it needed more memory than its worker may use') : error;
    });
    worker.once('exit', (code) => {
      const reason =
        member.stoppedFor === 'time' ? new WorkerLimitError('time', `it took more than ${((this.limits?.cpuMs ?? 0) / 1000).toLocaleString('en-US')} s of CPU time`) : (failure ?? new Error(`A worker thread stopped (exit code ${code}).`));
      for (const waiter of member.waiting.values()) waiter.reject(reason);
      member.waiting.clear();
      const index = this.members.indexOf(member);
      if (this.closed || index < 0) return;
      this.members[index] = this.startMember();
      this.pump();
    });
    return member;
  }

  /** Hands waiting requests to workers that may take them; with limits, only workers with work to do keep the process alive. */
  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const member = this.limits
        ? this.members.find((candidate) => candidate.thread !== undefined && candidate.waiting.size === 0 && candidate.stoppedFor === undefined)
        : this.members.reduce((best, candidate) => (candidate.waiting.size < best.waiting.size ? candidate : best));
      const next = member && this.queue.shift();
      if (!member || !next) break;
      this.send(member, next);
    }
    if (!this.limits) return;
    for (const member of this.members) {
      if (member.waiting.size > 0 || this.queue.length > 0) member.worker.ref();
      else member.worker.unref();
    }
  }

  private send(member: Member<Reply>, { request, resolve, reject }: Queued<Request, Reply>): void {
    const id = this.nextId++;
    member.waiting.set(id, { resolve, reject });
    if (this.limits) {
      member.startedAt = cpuTimeOf(member);
      this.watch ??= setInterval(() => this.enforceDeadline(), DEADLINE_CHECK_MS).unref();
    }
    member.worker.postMessage({ id, request } satisfies Envelope<Request>);
  }

  /** Stops each worker whose request has used more CPU time than the deadline allows. */
  private enforceDeadline(): void {
    const limit = this.limits?.cpuMs ?? Number.POSITIVE_INFINITY;
    let busy = false;
    for (const member of this.members) {
      if (member.waiting.size === 0 || member.stoppedFor !== undefined) continue;
      busy = true;
      if (cpuTimeOf(member) - (member.startedAt ?? 0) <= limit) continue;
      member.stoppedFor = 'time';
      void member.worker.terminate();
    }
    if (!busy) {
      clearInterval(this.watch);
      this.watch = undefined;
    }
  }
}

/** CPU clock ticks per second in `/proc/…/stat` (USER_HZ, 100 on every Linux ABI). */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time a worker's thread has used, in ms: from `/proc` on Linux; elsewhere (or
 * when it cannot be read) the time its event loop has been busy, which is never less.
 */
function cpuTimeOf<Reply>(member: Member<Reply>): number {
  if (member.thread !== null && member.thread !== undefined) {
    try {
      const stat = readFileSync(`/proc/self/task/${member.thread}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    } catch {
      member.thread = null;
    }
  }
  return member.worker.performance.eventLoopUtilization().active;
}

/** This thread's OS id (Linux), read by the pool to follow the worker's CPU time; null elsewhere. */
function osThreadId(): number | null {
  try {
    const id = Number.parseInt(readFileSync('/proc/thread-self/stat', 'latin1'), 10);
    return Number.isInteger(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * In a worker script: answers each request of the pool with `handle` (an error becomes
 * the request's rejection). A handler that returns a promise is answered when it settles;
 * meanwhile the next request may start.
 */
export function serveRequests<Request, Reply>(handle: (request: Request) => Reply | Promise<Reply>): void {
  const port = parentPort;
  if (port === null) throw new Error('This script runs only as a worker thread.');
  port.postMessage({ thread: osThreadId() } satisfies Answer<Reply>);
  port.on('message', ({ id, request }: Envelope<Request>) => {
    const answer = async (): Promise<Answer<Reply>> => {
      try {
        return { id, reply: await handle(request) };
      } catch (error) {
        return { id, error: error instanceof Error ? error.message : String(error) };
      }
    };
    void answer().then((message) => port.postMessage(message));
  });
}
