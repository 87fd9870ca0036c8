package io.kongsync.infra;

import io.kongsync.testsupport.CiRequirement;
import io.kongsync.testsupport.GoOffline;
import io.kongsync.testsupport.Processes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds, once per JVM, the two HCL tools into {@code target/hcl-tools/}: {@code tfcheck} (infra-terraform/tools/tfcheck)
 * and HashiCorp's {@code hclfmt}, both from HCL's own sources. Offline: Go in GOPATH mode against Debian's packaged
 * sources ({@code golang-go}, {@code golang-github-hashicorp-hcl-v2-dev} in /usr/share/gocode), or any GOPATH named by
 * {@code HCL_GOPATH} that holds github.com/hashicorp/hcl/v2 and its dependencies.
 */
final class HclToolchain {

    record Tools(Path tfcheck, Path hclfmt) {
    }

    static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path OUT = PROJECT.resolve("target/hcl-tools");
    private static final Path DEBIAN_GOPATH = Path.of("/usr/share/gocode");
    private static final String HCL = "github.com/hashicorp/hcl/v2";
    private static final String CHECK = "The Terraform checks";

    private static Tools tools;
    private static String unavailable;

    private HclToolchain() {
    }

    /** The built tools; skips the calling test (or fails it on CI) when they cannot be built here. */
    static synchronized Tools require() {
        if (tools == null && unavailable == null) {
            build();
        }
        if (tools != null) {
            return tools;
        }
        return CiRequirement.unavailable(CHECK, unavailable);
    }

    private static void build() {
        Optional<Path> go = Processes.onPath("go");
        if (go.isEmpty()) {
            unavailable = "Go is not on the PATH (on Debian/Ubuntu: apt-get install golang-go golang-github-hashicorp-hcl-v2-dev)";
            return;
        }
        Path gopath = Optional.ofNullable(System.getenv("HCL_GOPATH")).map(Path::of).orElse(DEBIAN_GOPATH);
        if (!Files.isDirectory(gopath.resolve("src").resolve(HCL).resolve("hclwrite"))) {
            unavailable = "HashiCorp's HCL sources are not in " + gopath + "/src/" + HCL
                    + " (apt-get install golang-github-hashicorp-hcl-v2-dev, or set HCL_GOPATH)";
            return;
        }
        Map<String, String> environment = GoOffline.environment(gopath, OUT.resolve("go-cache"));

        long started = System.nanoTime();
        Path tfcheck = OUT.resolve("tfcheck");
        Path hclfmt = OUT.resolve("hclfmt");
        Processes.Result first = goBuild(go.get(), environment, tfcheck, "./infra-terraform/tools/tfcheck");
        Processes.Result second = first.succeeded() ? goBuild(go.get(), environment, hclfmt, HCL + "/cmd/hclfmt") : first;
        if (!second.succeeded()) {
            unavailable = "go build failed: " + second.output();
            return;
        }
        System.out.printf("HclToolchain: built %s and %s with %s in %d ms%n", tfcheck, hclfmt, go.get(),
                (System.nanoTime() - started) / 1_000_000);
        tools = new Tools(tfcheck, hclfmt);
    }

    private static Processes.Result goBuild(Path go, Map<String, String> environment, Path output, String pkg) {
        return Processes.run(PROJECT, environment, List.of(go.toString(), "build", "-o", output.toString(), pkg),
                Duration.ofMinutes(5));
    }
}
