/**
 * The local DynamoDB (dynalite over LevelDB) on a thread of its own (issue 17): in AWS the table is another
 * service's computers, so locally its work — parsing and validating each request, LevelDB reads and writes,
 * building the answer — runs beside the handlers on the machine's other core instead of on the thread that
 * runs the HTTP front, the handlers and the background functions. The thread is part of the process: a killed
 * process takes it along, exactly as before (dynamo-repair.ts mends what a kill cuts short).
 *
 * workerData: dynalite's options. Messages: {port} once listening, {error} if it cannot; 'close' asks it to
 * close the server and its LevelDB, answered by 'closed'.
 */
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require('dynalite');

const server = dynalite(workerData);
server.once('error', (error) => parentPort.postMessage({ error: String(error) }));
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  server.closeAllConnections();
  server.close(() => parentPort.postMessage('closed'));
});
