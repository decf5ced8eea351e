import { describe, expect, it } from 'vitest';
import { proportionSums } from '../../../plugin/modules/campaigns/stats/group-sums.js';
import { compareProportions } from '../../../plugin/modules/campaigns/stats/uplift.stats.js';
import { BASE_RATE, describeCampaignSimulation } from '../../helpers/campaign-simulation.js';
import { seededRandom } from '../../helpers/seeded-random.js';

// A campaign whose offer truly adds 12 pp: the report's interval covers it and the p-value finds it.
describeCampaignSimulation(0.12, 20261123);

describe('interval coverage of the conversion uplift (pure statistics, 400 simulated campaigns)', () => {
    it('covers the true uplift in about 95% of campaigns', () => {
        const random = seededRandom(7);
        const n = 1500;
        let covered = 0;
        const runs = 400;
        for (let r = 0; r < runs; r++) {
            let test = 0;
            let control = 0;
            for (let i = 0; i < n; i++) {
                if (random() < BASE_RATE + 0.05) test++;
                if (random() < BASE_RATE) control++;
            }
            const { absolute } = compareProportions(proportionSums(n, test), proportionSums(n, control));
            if (absolute.ciLow! <= 0.05 && 0.05 <= absolute.ciHigh!) covered++;
        }
        expect(covered / runs).toBeGreaterThan(0.92);
        expect(covered / runs).toBeLessThan(0.98);
    });
});
