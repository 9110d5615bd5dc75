import { createServer } from 'node:http';

/** The port the local front was asked to listen on is taken (by another gongkai, or anything else). */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(readonly port: number) {
    super(
      `端口 ${port} 已被占用：可能已有一个 gongkai 在运行，或有其他程序在使用该端口。请先停止它，或用 --port 指定其他端口（--port 0 自动选择空闲端口）。`,
    );
  }
}

/** Resolves when nothing listens on the port (on 127.0.0.1), else rejects with `PortInUseError`; port 0 is always free. */
export async function assertPortFree(port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port) : error),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
