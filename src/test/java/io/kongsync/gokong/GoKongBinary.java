package io.kongsync.gokong;

import io.kongsync.testsupport.CiRequirement;
import io.kongsync.testsupport.GoOffline;
import io.kongsync.testsupport.Processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * go-kong's test binary, compiled once into {@code target/gokong/kong.test} with {@code go test -c} and reused while
 * it is newer than go-kong's sources. Offline, as the Terraform checks build their tools: Go in GOPATH mode
 * ({@code GO111MODULE=off}, {@code GOPROXY=off}) against Debian's packaged sources ({@code golang-go},
 * {@code golang-github-kong-go-kong-dev} and its dependencies in /usr/share/gocode), or any GOPATH named by
 * {@code GOKONG_GOPATH} that holds github.com/kong/go-kong and its dependencies.
 */
final class GoKongBinary {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path OUT = PROJECT.resolve("target/gokong");
    static final String CHECK = "go-kong's integration tests";
    private static final Path DEBIAN_GOPATH = Path.of("/usr/share/gocode");
    private static final String PACKAGE = "github.com/kong/go-kong/kong";
    private static final String DEBIAN_PACKAGE = "golang-github-kong-go-kong-dev";

    /**
     * The binary, the sources it was compiled from, how long compiling took (zero when an up-to-date binary was
     * reused), and go-kong's version.
     */
    record Built(Path binary, Path sources, Duration compileTime, String version) {
    }

    private static Built built;
    private static String unavailable;

    private GoKongBinary() {
    }

    /** The compiled binary; skips the calling test (or fails it on CI) when it cannot be built here. */
    static synchronized Built require() {
        if (built == null && unavailable == null) {
            build();
        }
        if (built != null) {
            return built;
        }
        return CiRequirement.unavailable(CHECK, unavailable);
    }

    private static void build() {
        Optional<Path> go = Processes.onPath("go");
        if (go.isEmpty()) {
            unavailable = "Go is not on the PATH (on Debian/Ubuntu: apt-get install golang-go " + DEBIAN_PACKAGE + ")";
            return;
        }
        boolean debian = System.getenv("GOKONG_GOPATH") == null;
        Path gopath = debian ? DEBIAN_GOPATH : Path.of(System.getenv("GOKONG_GOPATH"));
        Path sources = gopath.resolve("src").resolve(PACKAGE);
        if (!Files.isRegularFile(sources.resolve("kong.go"))) {
            unavailable = "go-kong's sources are not in " + sources + " (apt-get install " + DEBIAN_PACKAGE
                    + ", or set GOKONG_GOPATH)";
            return;
        }
        Path binary = OUT.resolve("kong.test");
        Duration compileTime = Duration.ZERO;
        if (!upToDate(binary, sources)) {
            Map<String, String> environment = GoOffline.environment(gopath, OUT.resolve("go-cache"));
            long started = System.nanoTime();
            // go-kong 0.15 has no "integration" build tag (its Admin API tests are untagged); later versions gate
            // them behind it, so it is passed anyway. The "enterprise" tag stays off: those files are Kong
            // Enterprise's own entities.
            Processes.Result result = Processes.run(PROJECT, environment, List.of(go.get().toString(), "test", "-c",
                    "-tags", "integration", "-o", binary.toString(), PACKAGE), Duration.ofMinutes(10));
            if (!result.succeeded()) {
                unavailable = "go test -c " + PACKAGE + " failed: " + result.output();
                return;
            }
            compileTime = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("GoKongBinary: compiled %s with %s in %d ms%n", binary, go.get(),
                    compileTime.toMillis());
        }
        built = new Built(binary, sources, compileTime, debian ? debianVersion() : "(GOKONG_GOPATH)");
    }

    /** The binary exists and is newer than every Go file of the package it tests. */
    private static boolean upToDate(Path binary, Path sources) {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            return false;
        }
        try (Stream<Path> files = Files.list(sources)) {
            FileTime compiled = Files.getLastModifiedTime(binary);
            return files.filter(file -> file.toString().endsWith(".go"))
                    .allMatch(file -> modified(file).compareTo(compiled) < 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "0.15" for Debian's 0.15.0-1; "(version unknown)" where dpkg cannot tell. */
    private static String debianVersion() {
        Optional<Path> dpkgQuery = Processes.onPath("dpkg-query");
        if (dpkgQuery.isPresent()) {
            Processes.Result result = Processes.run(PROJECT, Map.of(), List.of(dpkgQuery.get().toString(), "-W",
                    "-f=${Version}", DEBIAN_PACKAGE), Duration.ofSeconds(30));
            String version = result.stdout().strip().replaceFirst("^[0-9]+:", "");
            String[] parts = version.split("[.-]");
            if (result.succeeded() && parts.length >= 2) {
                return parts[0] + "." + parts[1];
            }
        }
        return "(version unknown)";
    }
}
