import { describeLifecycleSimulation } from '../../helpers/lifecycle-simulation.suite.js';

// Issue 15, Proof 1 on SQLite at full size (5,000 customers × 120 days); the plan and checks are in the helper.
describeLifecycleSimulation('sqlite');
