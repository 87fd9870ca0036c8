package io.kongsync.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = KongsyncMain.class.getPackage().getImplementationVersion();
        return new String[] {"kongsync " + (version == null ? "(development build)" : version)
                + ", for Kong Gateway 3.x (plugin schemas of 3.9)"};
    }
}
