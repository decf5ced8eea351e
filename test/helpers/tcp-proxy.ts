import net from 'node:net';

/** What a paused proxy does with the bytes (and closes) that reach it. */
export type PauseMode =
    /** Drops them, as a network partition or a NAT that lost its state does; a close is lost too. */
    | 'drop'
    /** Holds them and delivers them on resume, as a stalled link does; a close is delivered then too. */
    | 'hold';

/** One client connection through the proxy and its upstream twin. */
interface Pair {
    client: net.Socket;
    upstream: net.Socket | null;
    /** Chunks held while paused in `hold` mode, per direction. */
    toUpstream: Buffer[];
    toClient: Buffer[];
    /** A close held while paused in `hold` mode, per side that closed first. */
    closedWhilePaused: 'client' | 'upstream' | null;
}

/**
 * A TCP proxy between the code under test and a server (MariaDB), that a
 * test can pause and resume. Paused, it forwards nothing and opens no
 * upstream connection: bytes are dropped or held (see {@link PauseMode}),
 * new clients are accepted but get no answer, like a server behind a dead
 * network. Resumed, it forwards again (and opens the upstream connections
 * of clients that connected meanwhile).
 */
export class TcpProxy {
    private server: net.Server | null = null;
    private readonly pairs = new Set<Pair>();
    private paused: PauseMode | null = null;
    port = 0;

    constructor(private readonly target: { host: string; port: number }) {}

    /** A proxy to the server of `databaseUrl` (mysql:// or mariadb://). */
    static forUrl(databaseUrl: string): TcpProxy {
        const url = new URL(databaseUrl);
        return new TcpProxy({ host: url.hostname, port: Number(url.port || 3306) });
    }

    /** Starts listening on a free local port. */
    async start(): Promise<this> {
        this.server = net.createServer((client) => this.accept(client));
        await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
        this.port = (this.server.address() as net.AddressInfo).port;
        return this;
    }

    /** `databaseUrl` with its host and port replaced by the proxy's. */
    url(databaseUrl: string): string {
        const url = new URL(databaseUrl);
        url.host = `127.0.0.1:${this.port}`;
        return url.toString();
    }

    /** Stops forwarding. */
    pause(mode: PauseMode = 'drop'): void {
        this.paused = mode;
    }

    /** Forwards again: delivers what was held, connects clients that came meanwhile. */
    resume(): void {
        this.paused = null;
        for (const pair of [...this.pairs]) {
            if (!pair.upstream && !pair.client.destroyed) this.connectUpstream(pair);
            for (const chunk of pair.toUpstream.splice(0)) pair.upstream?.write(chunk);
            for (const chunk of pair.toClient.splice(0)) pair.client.write(chunk);
            if (pair.closedWhilePaused) this.closePair(pair);
        }
    }

    /** Client connections currently open through the proxy. */
    get connections(): number {
        return [...this.pairs].filter((p) => !p.client.destroyed).length;
    }

    /** Closes the proxy and every connection through it. */
    async close(): Promise<void> {
        for (const pair of this.pairs) this.closePair(pair);
        if (this.server) await new Promise<void>((ok) => this.server!.close(() => ok()));
        this.server = null;
    }

    private accept(client: net.Socket): void {
        const pair: Pair = { client, upstream: null, toUpstream: [], toClient: [], closedWhilePaused: null };
        this.pairs.add(pair);
        client.on('error', () => undefined);
        client.on('data', (chunk) => this.forward(pair, 'toUpstream', chunk));
        client.on('close', () => this.closed(pair, 'client'));
        if (!this.paused) this.connectUpstream(pair);
    }

    private connectUpstream(pair: Pair): void {
        const upstream = net.connect(this.target.port, this.target.host);
        pair.upstream = upstream;
        upstream.on('error', () => undefined);
        upstream.on('data', (chunk) => this.forward(pair, 'toClient', chunk));
        upstream.on('close', () => this.closed(pair, 'upstream'));
    }

    private forward(pair: Pair, direction: 'toUpstream' | 'toClient', chunk: Buffer): void {
        if (this.paused === 'drop') return;
        if (this.paused === 'hold') {
            pair[direction].push(chunk);
            return;
        }
        const to = direction === 'toUpstream' ? pair.upstream : pair.client;
        if (to && !to.destroyed) to.write(chunk);
    }

    private closed(pair: Pair, side: 'client' | 'upstream'): void {
        // A partition loses the close too: the other side stays open, as a server does
        // when its client's FIN never arrives. Held, it is delivered on resume.
        if (this.paused === 'drop') return;
        if (this.paused === 'hold') {
            pair.closedWhilePaused ??= side;
            return;
        }
        this.closePair(pair);
    }

    private closePair(pair: Pair): void {
        pair.client.destroy();
        pair.upstream?.destroy();
        this.pairs.delete(pair);
    }
}
