/**
 * One run of Refill's cascade dispatcher in a process of its own, for tests
 * that kill a sender mid-page (`node --import tsx test/helpers/send-dispatch.child.ts`).
 * Environment: REFILL_TEST_DB (a database URL), REFILL_TEST_SMS (the local
 * gateway's SMS URL), REFILL_TEST_NOW (the ISO moment its clock stands at),
 * REFILL_TEST_CONCURRENCY (provider calls in flight, default 16).
 * Prints `ready` once started, then `done <sent>` after the run.
 */
import { createRefill } from '../../plugin/index.js';
import { refillInternals } from '../../plugin/testing.js';

const now = new Date(String(process.env.REFILL_TEST_NOW));
const refill = createRefill({
    databaseUrl: String(process.env.REFILL_TEST_DB),
    logLevel: 'silent',
    jobs: { process: false },
    clock: () => new Date(now),
    messaging: {
        dispatch: { concurrency: Number(process.env.REFILL_TEST_CONCURRENCY ?? 16) },
        channels: {
            sms: {
                type: 'http-sms',
                url: String(process.env.REFILL_TEST_SMS),
                encoding: 'json',
                fields: { to: '{to}', text: '{text}', id: '{id}' },
                idPath: 'id',
                pricePerSegment: 250,
            },
        },
    },
});
await refill.start();
console.log('ready');
const counts = await refillInternals(refill).services.dispatcher.run();
console.log(`done ${counts.sent}`);
await refill.stop();
