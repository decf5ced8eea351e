/**
 * A local SMS gateway for the messaging benchmark, run as its own process
 * (so its CPU is not counted as Refill's): `POST /sms` with JSON
 * `{ to, text, id }` answers `{ id }`. Prints its port on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let seq = 0;
const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
        JSON.parse(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${++seq}` }));
    });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
    console.log(String((server.address() as AddressInfo).port));
});
