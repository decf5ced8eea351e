import type { CascadeDispatcher } from '../cascade/cascade-dispatcher.js';
import type { ReminderPlannerService } from '../services/reminder-planner.service.js';
import type { SendGuardService } from '../services/send-guard.service.js';
import type { RefillJob } from '../../../kernel/jobs/refill-job.js';

/**
 * `messages-dispatch` (every minute): the send guard releases finished
 * campaign runs (or holds large ones for approval, then a canary), and the
 * cascade engine sends every due step and moves waiting cascades on.
 * Exactly once per message whatever happens: message rows are keyed.
 */
export function messagesDispatchJob(guard: SendGuardService, dispatcher: CascadeDispatcher): RefillJob {
    return {
        name: 'messages-dispatch',
        description:
            'Releases approved campaign sends and sends every due reminder step, cheapest channel first',
        defaultSchedule: '* * * * *',
        async run({ touch }) {
            const gate = await guard.tick();
            const sent = await dispatcher.run(undefined, touch);
            return { ...gate, ...sent };
        },
    };
}

/**
 * `message-reminders` (hourly): plans offer-expiry reminders, bonus-expiry
 * notices and welcomes. Idempotent: every reminder has a unique key.
 */
export function messageRemindersJob(planner: ReminderPlannerService): RefillJob {
    return {
        name: 'message-reminders',
        description: 'Plans offer-expiry reminders, bonus-expiry notices and welcome messages',
        defaultSchedule: '7 * * * *',
        async run() {
            return planner.planAll();
        },
    };
}
