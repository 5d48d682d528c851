import net from 'node:net';

export interface TcpProxy {
  /** The database URL with the proxy's host and port in place of the server's. */
  url: string;
  /** Resets every connection through the proxy (an RST to both ends), as a network failure would; new connections still go through. */
  resetAll(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a PostgreSQL URL, so a test can cut connections in the middle of a
 * query the way a network failure or a failover does (PostgreSQL ending a backend instead
 * sends an error message first, which is a different, gentler path).
 */
export async function tcpProxy(databaseUrl: string): Promise<TcpProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // The reset is the point; its errors on the proxy's side are expected.
    socket.on('error', () => {});
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    resetAll: () => {
      for (const socket of sockets) socket.resetAndDestroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
