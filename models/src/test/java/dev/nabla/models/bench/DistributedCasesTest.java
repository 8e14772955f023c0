package dev.nabla.models.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.Device;
import org.junit.jupiter.api.Test;

/** The data-parallel bench cases build and run a repetition (the numbers themselves come from {@code nabla bench}). */
class DistributedCasesTest {

    @Test
    void theAllReduceAndDataParallelStepCasesRun() {
        for (BenchEntry entry : BenchRunner.selected(BenchSuite.all(Device.CPU), "copy_1mb,allreduce_tcp_1mb,allreduce_tcp_grads,ddp_")) {
            BenchCase c = entry.build();
            assertEquals(entry.name(), c.name());
            c.body().run();
            c.body().run();
        }
        assertEquals(6, BenchRunner.selected(BenchSuite.all(Device.CPU), "copy_1mb,allreduce_tcp_1mb,allreduce_tcp_grads,ddp_")
                .size());
    }
}
