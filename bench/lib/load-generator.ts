import http from 'node:http';
import { receiptBody, type BenchReceipt } from './workload.js';

/** Commits receipts over Refill's POS API on keep-alive connections. */
export class ReceiptPoster {
    private readonly agent: http.Agent;
    private readonly target: URL;

    constructor(
        baseUrl: string,
        private readonly posKey: string,
        private readonly storeCode: string,
        connections: number,
    ) {
        this.target = new URL('/pos/v1/receipts', baseUrl);
        this.agent = new http.Agent({
            keepAlive: true,
            maxSockets: connections,
            maxFreeSockets: connections,
        });
    }

    /** POSTs one receipt; resolves on 201, rejects with the status and error code otherwise. */
    post(receipt: BenchReceipt): Promise<void> {
        const body = receiptBody(receipt, this.storeCode, new Date());
        return new Promise((ok, fail) => {
            const req = http.request(
                {
                    agent: this.agent,
                    host: this.target.hostname,
                    port: this.target.port,
                    path: this.target.pathname,
                    method: 'POST',
                    headers: {
                        'content-type': 'application/json',
                        'content-length': Buffer.byteLength(body),
                        authorization: `Bearer ${this.posKey}`,
                    },
                },
                (res) => {
                    if (res.statusCode === 201) {
                        res.resume();
                        res.on('end', ok);
                        res.on('error', fail);
                        return;
                    }
                    const chunks: Buffer[] = [];
                    res.on('data', (c: Buffer) => chunks.push(c));
                    res.on('end', () => {
                        const text = Buffer.concat(chunks).toString('utf8');
                        let code = '';
                        try {
                            code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
                        } catch {
                            code = text.slice(0, 120);
                        }
                        fail(new Error(`HTTP ${res.statusCode} ${code}`.trim()));
                    });
                    res.on('error', fail);
                },
            );
            req.on('error', fail);
            req.end(body);
        });
    }

    /** Closes the kept-alive sockets. */
    close(): void {
        this.agent.destroy();
    }
}
