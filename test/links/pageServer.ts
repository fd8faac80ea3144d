import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A route: what the local web server answers for one path. */
export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A web server on 127.0.0.1 standing in for news sites, recording the requests it gets. */
export interface PageServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  routes: Map<string, Route>;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

/** Answers with `body` and a content type. */
export function serve(body: string | Buffer, contentType = 'text/html; charset=utf-8', status = 200): Route {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };
}

/** Answers with a redirect to `location`. */
export function redirect(location: string, status = 302): Route {
  return (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };
}

/** Starts the server; unknown paths get 404. */
export async function startPageServer(routes: Record<string, Route> = {}): Promise<PageServer> {
  const table = new Map(Object.entries(routes));
  const requests: IncomingMessage[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    requests.push(request);
    open.add(response);
    response.on('close', () => open.delete(response));
    const route = table.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (route) route(request, response);
    else serve('<h1>Not found</h1>', 'text/html', 404)(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    routes: table,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const response of open) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
