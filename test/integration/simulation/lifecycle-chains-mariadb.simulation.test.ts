import { describeLifecycleSimulation } from '../../helpers/lifecycle-simulation.suite.js';

// Issue 15, Proof 1 on MariaDB (1,500 customers × 120 days; why, in the helper's header). Needs TEST_MYSQL_URL.
describeLifecycleSimulation('mysql');
