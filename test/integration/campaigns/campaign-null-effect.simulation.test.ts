import { describeCampaignSimulation } from '../../helpers/campaign-simulation.js';

// A campaign whose offer changes nothing: the report's interval covers zero and finds no effect.
describeCampaignSimulation(0, 20261124);
