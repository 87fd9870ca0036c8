package io.kongsync.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcTest {

    @Test
    void childrenCpuIsCutimePlusCstimeEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 200 0 0 7 3 150 25 20 0 1 0 123 4096 100";

        assertThat(Proc.childrenCpuMillis(stat)).isEqualTo((150 + 25) * 10);
    }

    @Test
    void readsThisProcesssCpuAndResidentMemory() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/stat")), "Linux only");
        long pid = ProcessHandle.current().pid();

        long resident = Proc.memory(pid, "VmRSS");
        long peak = Proc.memory(pid, "VmHWM");

        assertThat(Proc.cpuMillis(pid)).isPositive();
        assertThat(resident).isGreaterThan(1L << 20);
        assertThat(peak).isGreaterThanOrEqualTo(resident);
    }
}
