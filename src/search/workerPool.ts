/**
 * A fixed pool of worker threads that answer requests: each request goes to the worker
 * with the fewest requests outstanding, and its reply comes back as a promise. A worker
 * script serves requests with `serveRequests`.
 */
import { parentPort, Worker } from 'node:worker_threads';

interface Envelope<Request> {
  id: number;
  request: Request;
}

type Answer<Reply> = { id: number; reply: Reply } | { id: number; error: string };

interface Waiter<Reply> {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

interface Member<Reply> {
  worker: Worker;
  waiting: Map<number, Waiter<Reply>>;
}

/** Worker threads answering `Request`s with `Reply`s. */
export class WorkerPool<Request, Reply> {
  private readonly members: Array<Member<Reply>>;
  private nextId = 1;

  /** Starts `size` workers running `script` (a compiled worker entry that calls `serveRequests`), each given `workerData`. */
  constructor(script: string, size: number, workerData?: unknown) {
    this.members = Array.from({ length: Math.max(1, size) }, () => {
      const member: Member<Reply> = { worker: new Worker(script, { workerData }), waiting: new Map() };
      const fail = (error: Error) => {
        for (const waiter of member.waiting.values()) waiter.reject(error);
        member.waiting.clear();
      };
      member.worker.on('message', (answer: Answer<Reply>) => {
        const waiter = member.waiting.get(answer.id);
        member.waiting.delete(answer.id);
        if ('error' in answer) waiter?.reject(new Error(answer.error));
        else waiter?.resolve(answer.reply);
      });
      member.worker.once('error', fail);
      member.worker.once('exit', (code) => fail(new Error(`A worker thread stopped (exit code ${code}).`)));
      return member;
    });
  }

  /** Sends a request to the least busy worker. */
  run(request: Request): Promise<Reply> {
    const member = this.members.reduce((best, candidate) => (candidate.waiting.size < best.waiting.size ? candidate : best));
    return this.send(member, request);
  }

  /** Sends the same request to every worker. */
  runOnEach(request: Request): Promise<Reply[]> {
    return Promise.all(this.members.map((member) => this.send(member, request)));
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.members.map((member) => member.worker.terminate()));
  }

  private send(member: Member<Reply>, request: Request): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      member.waiting.set(id, { resolve, reject });
      member.worker.postMessage({ id, request } satisfies Envelope<Request>);
    });
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
