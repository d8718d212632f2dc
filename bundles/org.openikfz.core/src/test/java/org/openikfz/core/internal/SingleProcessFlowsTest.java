package org.openikfz.core.internal;

/**
 * Every flow of {@link FlowsTest} again, on a store no other process writes (the embedded H2
 * database): a verification's lease is then its hold in memory, with no write of its own.
 */
class SingleProcessFlowsTest extends FlowsTest {

    @Override
    boolean sharedBetweenProcesses() {
        return false;
    }
}
