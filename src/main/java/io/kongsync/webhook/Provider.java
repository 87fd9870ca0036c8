package io.kongsync.webhook;

/** The git hosts whose push webhooks kongsync accepts. {@link #BITBUCKET} covers Bitbucket Cloud and Data Center. */
public enum Provider {
    GITHUB("GitHub"),
    GITLAB("GitLab"),
    BITBUCKET("Bitbucket");

    private final String displayName;

    Provider(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
