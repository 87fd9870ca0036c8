package io.kongsync.testsupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The environment that builds Go from Debian's packaged sources with no network: GOPATH mode, no proxy, no cgo. */
public final class GoOffline {

    private GoOffline() {
    }

    /** GOFLAGS maps to null: unset, so a caller's own flags cannot change the build. */
    public static Map<String, String> environment(Path gopath, Path cache) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GO111MODULE", "off");
        environment.put("GOPATH", gopath.toString());
        environment.put("GOPROXY", "off");
        environment.put("GOFLAGS", null);
        environment.put("GOTOOLCHAIN", "local");
        environment.put("GOENV", "off");
        environment.put("CGO_ENABLED", "0");
        environment.put("GOCACHE", cache.toString());
        return environment;
    }
}
