/*
 * Benchmark worker, Agenda side: one Agenda 6 over Refill's SQL job backend
 * on its own DataSource, processing no-op jobs; times every successful
 * getNextJobToRun (the claim) and counts completed jobs.
 */
import { Agenda } from 'agenda';
import { createDataSourceFromUrl } from '../../plugin/kernel/db/data-source.factory.js';
import { refillEntities } from '../../plugin/refill-entities.js';
import { Database } from '../../plugin/kernel/db/database.js';
import { SqlJobBackend } from '../../plugin/kernel/jobs/sql-backend/index.js';
import { WorkerChannel } from './jobs-worker.channel.js';

const channel = new WorkerChannel();
const { url, name, jobName } = channel.config;
const dataSource = createDataSourceFromUrl({ url, poolSize: 10, entities: refillEntities });
await dataSource.initialize();
const backend = new SqlJobBackend({ dataSource, database: new Database(dataSource) });
const repository = backend.repository;
const claim = repository.getNextJobToRun.bind(repository);
repository.getNextJobToRun = (...args) => channel.timedClaim(() => claim(...args));

const agenda = new Agenda({ backend, name, processEvery: 100, maxConcurrency: 50, defaultConcurrency: 50 });
agenda.define(jobName, async () => undefined);
agenda.on(`complete:${jobName}`, () => {
    channel.completed++;
});
await agenda.ready;

channel.serve({
    start: () => agenda.start(),
    async stop() {
        await agenda.stop(false);
        await dataSource.destroy();
    },
});
