package io.kongsync.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxCommandTest {

    @Test
    void registeredAndDescribedAsAStandInNotAGateway() {
        StringWriter out = new StringWriter();
        int code = KongsyncMain.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "sandbox", "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--port", "--db-less", "--latency-ms", "--host", "stand-in for the Kong 3.9 Admin API");
    }
}
